package io.inkan.core.api;

/**
 * Registers a client certificate for a principal, identified from then on by issuer and serial.
 *
 * @param certificate the certificate in PEM
 */
public record CertificateRequest(String certificate) {
}
