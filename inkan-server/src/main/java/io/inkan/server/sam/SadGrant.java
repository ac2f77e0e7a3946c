package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a SAD authorizes (M2): one principal, one key, one algorithm, exactly these values and their
 * count, at an authorization level reached with these factors, for a limited time.
 *
 * @param principalId the {@code InkanPrincipal.id()} of the only principal who may use the SAD
 * @param keyId       the signing key (the profile's key) the SAD activates
 * @param algorithm   the only algorithm it may be used with
 * @param digests     the exact values the signing request will carry, in its order: the digest for
 *                    pre-hashed algorithms, the data for pure Ed25519; no value twice
 * @param level       the key authorization level reached: 1 (login) or 2 (a second factor separate from login)
 * @param factors     how the principal proved it, e.g. {@code ["api-token"]} or {@code ["client-certificate", "totp"]},
 *                    or {@code ["approval:<request id>"]} for an approved signing request
 * @param ttl         how long the SAD stays valid; {@code null} for the configured default (5 minutes)
 */
public record SadGrant(String principalId, long keyId, SignatureAlgorithm algorithm, List<byte[]> digests,
                       int level, List<String> factors, Duration ttl) {

    public SadGrant {
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(algorithm, "algorithm");
        digests = digests.stream().map(byte[]::clone).toList();
        factors = List.copyOf(factors);
    }
}
