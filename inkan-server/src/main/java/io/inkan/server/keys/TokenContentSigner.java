package io.inkan.server.keys;

import io.inkan.core.SignatureAlgorithm;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.PublicKey;

/**
 * A Bouncy Castle {@link ContentSigner} backed by a token key, so certificates, CSRs and CMS structures
 * are built with standard builders while the private key stays in its token. The structure is hashed
 * here and only the digest reaches the token (pure Ed25519 signs the bytes themselves).
 */
public final class TokenContentSigner implements ContentSigner {

    private final KeySigner signer;
    private final KeyRef key;
    private final PublicKey publicKey;
    private final SignatureAlgorithm algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public TokenContentSigner(KeySigner signer, KeyRef key, PublicKey publicKey, SignatureAlgorithm algorithm) {
        this.signer = signer;
        this.key = key;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
    }

    /** The algorithm a key of this kind uses to sign certificates: SHA-2 matched to the key's strength. */
    public static SignatureAlgorithm certificateAlgorithm(io.inkan.core.KeyAlgorithm keyAlgorithm) {
        return switch (keyAlgorithm) {
            case RSA_2048, RSA_3072, RSA_4096 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
            case EC_P256 -> SignatureAlgorithm.ECDSA_SHA256;
            case EC_P384 -> SignatureAlgorithm.ECDSA_SHA384;
            case EC_P521 -> SignatureAlgorithm.ECDSA_SHA512;
            case ED25519 -> SignatureAlgorithm.ED25519;
        };
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
        return signer.sign(key, publicKey, algorithm, input);
    }
}
