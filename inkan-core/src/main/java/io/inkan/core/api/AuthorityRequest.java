package io.inkan.core.api;

/**
 * Creates a certificate authority of the private CA from a key of the CA project (K9).
 *
 * @param name         unique authority name (a slug); its CRL is served at {@code /crl/<name>.crl}
 * @param key          a key of the CA project that serves no profile and no other authority
 * @param parent       the issuing authority; {@code null} for a self-signed root
 * @param subject      an RFC 4514 distinguished name, e.g. {@code CN=Example Code Signing Root,O=Example}
 * @param validityDays validity of the authority's certificate; {@code null} for the server's default
 */
public record AuthorityRequest(String name, String key, String parent, String subject, Integer validityDays) {
}
