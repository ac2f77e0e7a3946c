package io.inkan.core.api;

/**
 * A token's import public key: clients wrap a private key under it before sending, so the plaintext key
 * never crosses the wire and is unwrapped only inside the token.
 *
 * @param scheme    how to wrap, e.g. {@code RSA_OAEP_3072_SHA1_AES_256} (see {@code KeyImportScheme})
 * @param publicKey the RSA public key, X.509 SubjectPublicKeyInfo, base64 DER
 */
public record ImportKeyView(String token, String scheme, String publicKey) {
}
