package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;

/** Where a private key lives: which token, under which handle, and what kind of key it is. */
public record KeyRef(String tokenName, String handle, KeyAlgorithm algorithm) {
}
