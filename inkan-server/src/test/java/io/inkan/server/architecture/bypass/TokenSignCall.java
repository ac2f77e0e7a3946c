package io.inkan.server.architecture.bypass;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Mechanism;

/**
 * A fixture that calls a token's sign operation directly, outside the Signature Activation Module.
 * {@code SignatureActivationArchitectureTest} expects its rule to flag it.
 */
final class TokenSignCall {

    byte[] sign(KeyToken token) {
        return token.sign("handle", KeyAlgorithm.EC_P256, Mechanism.ECDSA_DER, new byte[32], null);
    }
}
