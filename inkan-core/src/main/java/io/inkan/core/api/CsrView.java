package io.inkan.core.api;

/**
 * A certificate signing request, ready for a CA.
 *
 * @param csr the PKCS#10 request in PEM ({@code -----BEGIN CERTIFICATE REQUEST-----})
 */
public record CsrView(String project, String key, String csr) {
}
