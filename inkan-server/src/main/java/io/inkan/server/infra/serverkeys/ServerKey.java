package io.inkan.server.infra.serverkeys;

import io.inkan.core.KeyAlgorithm;

import java.security.PublicKey;

/**
 * A key the server keeps for itself (audit checkpoints, configuration seal, TSA, a token's import key):
 * where its private half lives in a token and its public half, which is all the database stores.
 *
 * @param use whether the key signs (proven by a signed challenge) or only unwraps imported keys (proven
 *            by unwrapping a throw-away key and signing a challenge with that)
 */
public record ServerKey(String tokenName, String handle, KeyAlgorithm algorithm, PublicKey publicKey, Use use) {

    /** What the private half can do, which decides how it is proven. */
    public enum Use {
        SIGNS,
        UNWRAPS
    }
}
