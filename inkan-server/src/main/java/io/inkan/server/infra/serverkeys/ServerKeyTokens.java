package io.inkan.server.infra.serverkeys;

import io.inkan.core.KeyAlgorithm;

/**
 * What {@link ServerKeys} needs from the tokens. Implemented by the Signature Activation Module, the only
 * code that may make a token use a private key; this interface lets the shared strategy live outside the
 * capability packages without reaching into them.
 */
public interface ServerKeyTokens {

    /**
     * Generates a key pair in {@code tokenName} (the default token when {@code null}) under a fresh handle
     * beginning with {@code handlePrefix}.
     */
    ServerKey generate(String tokenName, String handlePrefix, KeyAlgorithm algorithm, ServerKey.Use use);

    /** Whether the token holds the private half of {@code key}: a fresh challenge, verified with its public half. */
    boolean proves(ServerKey key);

    /** Destroys a key that lost a creation race; it was never stored, so nothing refers to it. */
    void destroy(ServerKey key);
}
