package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * A Bouncy Castle {@link ContentSigner} backed by a token key, so certificates, CSRs and CMS structures
 * are built with standard builders while the private key stays in its token. The structure is hashed
 * here and only the digest reaches the token (pure Ed25519 signs the bytes themselves). Each signature
 * it produces is one service activation of {@link ServiceSigning}.
 */
final class ServiceContentSigner implements ContentSigner {

    private final SignatureAlgorithm algorithm;
    private final UnaryOperator<byte[]> activatedSign;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    ServiceContentSigner(SignatureAlgorithm algorithm, UnaryOperator<byte[]> activatedSign) {
        this.algorithm = algorithm;
        this.activatedSign = activatedSign;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.jcaName());
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        byte[] content = buffer.toByteArray();
        buffer.reset();
        byte[] input = algorithm.isPrehashed() ? algorithm.digest().newDigest().digest(content) : content;
        return activatedSign.apply(input);
    }
}
