package io.inkan.server.sam;

import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.KeyActivations;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.SigningKey;
import org.bouncycastle.operator.ContentSigner;
import org.springframework.stereotype.Component;

/**
 * Service activations with an existing project key: certificates of the private CA, its CRLs, and CSRs
 * for an outside CA. These are signatures with keys that people hold custody of, so besides the
 * purpose's caller allow-list the key's M-of-N activation (decision 010) is enforced here, on every such
 * path, rather than left to each caller: a key under an activation policy (a CA root, or any key its
 * custodians put under one) signs only inside an open activation, which loses one use per signer. The one
 * documented exemption is {@link ServicePurpose#CRL}.
 */
@Component
public class ProjectKeySigning {

    private final ServiceSigning signing;
    private final KeyActivations activations;

    ProjectKeySigning(ServiceSigning signing, KeyActivations activations) {
        this.signing = signing;
        this.activations = activations;
    }

    /**
     * A content signer for one signature with {@code key}, using the certificate algorithm that fits it
     * (SHA-2 sized to the key). Takes one use of the key's open activation now, inside the caller's
     * transaction if there is one, so a rollback gives it back.
     *
     * @throws io.inkan.server.infra.problem.Refusal 409 {@code key-not-activated} when the key needs an activation
     *                                        and has none open
     * @throws IllegalStateException          when the key is not active
     * @throws SecurityException              when the caller is not on the purpose's allow-list
     */
    public ContentSigner contentSigner(SigningKey key, ServicePurpose purpose) {
        if (purpose.scope() == ServicePurpose.Scope.SERVER_KEY) {
            throw new IllegalArgumentException("service activation '" + purpose.tag()
                    + "' signs with a server key and goes through ServiceSigning");
        }
        purpose.requireCaller();
        if (purpose.scope() == ServicePurpose.Scope.PROJECT_KEY) {
            activations.requireActivated(key);
        }
        if (key.state() != KeyState.ACTIVE) {
            throw new IllegalStateException("key " + key.handle() + " is " + key.state() + " and cannot sign");
        }
        return signing.activated(key.ref(), key.publicKey(), ServiceSigning.certificateAlgorithm(key.algorithm()),
                purpose);
    }
}
