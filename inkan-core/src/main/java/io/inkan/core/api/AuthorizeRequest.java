package io.inkan.core.api;

import java.util.List;

/**
 * Asks for signature activation data (SAD) for exactly these values under one profile.
 *
 * @param algorithm a {@link io.inkan.core.SignatureAlgorithm} name the profile allows
 * @param digests   base64 values the signing request will carry: digests for pre-hashed algorithms,
 *                  the data for pure {@code ED25519}; each at most once
 * @param otp       the current TOTP code of the caller's second factor; required by level-2 profiles
 */
public record AuthorizeRequest(String algorithm, List<String> digests, String otp) {
}
