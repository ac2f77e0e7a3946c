package io.inkan.core.api;

/**
 * Revokes the CA-issued certificate a key carries.
 *
 * @param reason an RFC 5280 reason: {@code unspecified}, {@code keyCompromise}, {@code affiliationChanged},
 *               {@code superseded}, {@code cessationOfOperation}; {@code null} for {@code unspecified}
 */
public record RevokeCertificateRequest(String reason) {
}
