package io.inkan.cli.formats.cms;

import io.inkan.core.SignatureAlgorithm;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.RuntimeOperatorException;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

/**
 * Bouncy Castle's view of an Inkan signature: BC writes the DER of the signed attributes into it, the Inkan
 * provider's {@link Signature} hashes them and the server signs the digest. The algorithm identifier is
 * Bouncy Castle's standard one for the algorithm (with full parameters for RSASSA-PSS).
 */
public final class RemoteContentSigner implements ContentSigner {

    private final AlgorithmIdentifier identifier;
    private final Signature signature;

    public RemoteContentSigner(SignatureAlgorithm algorithm, PrivateKey key, Provider provider)
            throws GeneralSecurityException {
        String name = name(algorithm);
        this.identifier = new DefaultSignatureAlgorithmIdentifierFinder().find(name);
        this.signature = Signature.getInstance(name, provider);
        signature.initSign(key);
    }

    /** The name both Bouncy Castle and the Inkan provider know, e.g. {@code SHA256withRSAandMGF1}. */
    static String name(SignatureAlgorithm algorithm) {
        return algorithm.encoding() == SignatureAlgorithm.Encoding.PSS
                ? algorithm.digest().jcaName().replace("-", "") + "withRSAandMGF1"
                : algorithm.jcaName();
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return identifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                try {
                    signature.update(bytes, offset, length);
                } catch (GeneralSecurityException e) {
                    throw new RuntimeOperatorException("cannot feed the signature: " + e.getMessage(), e);
                }
            }
        };
    }

    @Override
    public byte[] getSignature() {
        try {
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new RuntimeOperatorException("signing failed: " + e.getMessage(), e);
        }
    }
}
