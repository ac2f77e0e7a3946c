package io.inkan.core.api;

/**
 * Asks the server to generate a key inside a token.
 *
 * @param name      unique within the project
 * @param algorithm a {@link io.inkan.core.KeyAlgorithm} name, e.g. {@code RSA_3072} or {@code EC_P256}
 * @param token     the configured token to generate in; {@code null} for the default token
 */
public record KeyRequest(String name, String algorithm, String token) {
}
