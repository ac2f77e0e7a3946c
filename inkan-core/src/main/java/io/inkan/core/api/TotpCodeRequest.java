package io.inkan.core.api;

/** A one-time code from the caller's authenticator, e.g. {@code "492039"}. */
public record TotpCodeRequest(String code) {
}
