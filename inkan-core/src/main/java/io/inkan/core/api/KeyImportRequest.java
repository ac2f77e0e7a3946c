package io.inkan.core.api;

/**
 * Imports an existing private key into a token (K4), wrapped by the client under the token's import key.
 *
 * @param name        unique within the project
 * @param token       the configured token to import into; {@code null} for the default token
 * @param publicKey   the key's X.509 SubjectPublicKeyInfo, base64 DER; the server proves the unwrapped
 *                    private key matches it before binding the key
 * @param wrappedKey  the PKCS#8 private key wrapped as {@link ImportKeyView#scheme()} says, base64
 * @param certificate the key's certificate, base64 DER, or {@code null} for a self-signed one made in the
 *                    token; it must carry exactly {@code publicKey}
 */
public record KeyImportRequest(String name, String token, String publicKey, String wrappedKey, String certificate) {
}
