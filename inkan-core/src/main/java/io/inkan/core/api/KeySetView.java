package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A signing profile's key set (K7): the current key, which signs, and every earlier key, whose public key
 * and certificate stay published so signatures made before a rotation still verify.
 */
public record KeySetView(String project, String profile, String currentKey, List<Member> keys) {

    /**
     * One key of the set.
     *
     * @param state            {@code CURRENT} (signs) or {@code RETIRED} (published only)
     * @param keyState         the key's own life-cycle state, e.g. {@code ACTIVE}
     * @param origin           {@code GENERATED} in the token or {@code IMPORTED}
     * @param fingerprint      SHA-256 of the SubjectPublicKeyInfo, lower-case hex
     * @param publicKey        X.509 SubjectPublicKeyInfo, base64 DER
     * @param certificateChain leaf first, base64 DER each
     * @param retiredAt        when it last stopped being current; {@code null} for the current key
     */
    public record Member(String key, String state, String algorithm, String keyState, String origin,
                         String fingerprint, String publicKey, List<String> certificateChain,
                         Instant addedAt, Instant currentSince, Instant retiredAt) {
    }
}
