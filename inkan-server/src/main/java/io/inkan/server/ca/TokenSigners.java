package io.inkan.server.ca;

import io.inkan.server.keys.KeySigner;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.keys.TokenContentSigner;
import org.bouncycastle.operator.ContentSigner;
import org.springframework.stereotype.Component;

/**
 * The one place where CA and CSR work obtains a Bouncy Castle {@link ContentSigner} for a token key, so
 * every certificate, CRL and CSR signature goes through a single path that can be routed through the
 * Signature Activation Module. Callers have already authorised the use (roles, M-of-N activation).
 */
@Component
public class TokenSigners {

    private final KeySigner signer;

    TokenSigners(KeySigner signer) {
        this.signer = signer;
    }

    /** A signer for {@code key} with the certificate algorithm matching its kind (SHA-2 sized to the key). */
    public ContentSigner forKey(SigningKey key) {
        return new TokenContentSigner(signer, key.ref(), key.publicKey(),
                TokenContentSigner.certificateAlgorithm(key.algorithm()));
    }
}
