package io.inkan.server.ca;

import io.inkan.server.keys.SigningKey;
import io.inkan.server.sam.ServiceSigning;
import org.bouncycastle.operator.ContentSigner;
import org.springframework.stereotype.Component;

/**
 * The one place where CA and CSR work obtains a Bouncy Castle {@link ContentSigner} for a token key, so
 * every certificate, CRL and CSR signature goes through the Signature Activation Module's service
 * signing. Callers have already authorised the use (roles, M-of-N activation).
 */
@Component
public class TokenSigners {

    private final ServiceSigning signing;

    TokenSigners(ServiceSigning signing) {
        this.signing = signing;
    }

    /** A signer for {@code key} with the certificate algorithm matching its kind (SHA-2 sized to the key). */
    public ContentSigner forKey(SigningKey key) {
        return signing.contentSigner(key, ServiceSigning.certificateAlgorithm(key.algorithm()), "certificate-authority");
    }
}
