package io.inkan.core.api;

/**
 * Asks the private CA to issue a code-signing certificate for a key (K9).
 *
 * @param authority    the issuing authority's name
 * @param validityDays validity of the certificate; {@code null} for the server's default. At most 25 years
 *                     (9131 days), the span Android expects of app signing certificates
 */
public record IssueCertificateRequest(String authority, Integer validityDays) {
}
