package io.inkan.server.architecture.bypass;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Mechanism;
import io.inkan.server.sam.SigningPermit;

/**
 * A fixture that reaches a token's sign operation through a method reference, which a rule looking only
 * at method calls does not see. {@code SignatureActivationArchitectureTest} expects its rule to flag it.
 */
final class TokenSignReference {

    /** The shape of {@link KeyToken#sign}, so {@code token::sign} can be held. */
    interface RawSign {
        byte[] sign(String handle, KeyAlgorithm algorithm, Mechanism mechanism, byte[] input, SigningPermit permit);
    }

    RawSign signerOf(KeyToken token) {
        return token::sign;
    }
}
