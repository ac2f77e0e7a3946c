package io.inkan.core.api;

/**
 * Attaches a CA-issued certificate and its chain to a key (K5).
 *
 * @param chain PEM certificates, the key's own certificate first, then each issuer up to (optionally
 *              including) a trust anchor
 */
public record CertificateChainRequest(String chain) {
}
