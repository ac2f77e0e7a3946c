package io.inkan.core.api;

/**
 * A new TOTP enrolment (RFC 6238: HMAC-SHA1, 6 digits, 30 s), shown once: the base32 secret and the
 * {@code otpauth://} URI an authenticator app reads (usually as a QR code).
 */
public record TotpEnrolmentView(String secret, String otpauthUri) {
}
