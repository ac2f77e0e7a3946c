package io.inkan.core.api;

import java.util.List;

/**
 * A batch of digests to sign under one profile with one algorithm.
 *
 * @param algorithm a {@link io.inkan.core.SignatureAlgorithm} name
 * @param items     signed in order; the response keeps that order
 * @param sad       the signature activation data from {@code /authorize}; {@code null} signs under the
 *                  login alone, which only level-1 profiles allow
 * @param renew     with a {@code sad}: consume it now and return a new SAD for its digests not signed
 *                  by this request (batch method 2)
 */
public record SignHashRequest(String algorithm, List<Item> items, String sad, Boolean renew) {

    /** A request signed under the login alone (level-1 profiles). */
    public SignHashRequest(String algorithm, List<Item> items) {
        this(algorithm, items, null, null);
    }

    /** A request signed under a SAD, without renewal (level-2 profiles, approved requests). */
    public static SignHashRequest withSad(String algorithm, List<Item> items, String sad) {
        return new SignHashRequest(algorithm, items, sad, null);
    }

    /** Whether a renewed SAD is asked for. */
    public boolean renewRequested() {
        return Boolean.TRUE.equals(renew);
    }

    /**
     * One value to sign.
     *
     * @param digest   base64 digest, for every pre-hashed algorithm
     * @param data     base64 to-be-signed bytes, only for pure {@code ED25519} (at most 1 KiB)
     * @param artifact optional artifact name, recorded for the audit trail
     */
    public record Item(String digest, String data, String artifact) {

        public static Item ofDigest(String base64Digest, String artifact) {
            return new Item(base64Digest, null, artifact);
        }

        public static Item ofData(String base64Data, String artifact) {
            return new Item(null, base64Data, artifact);
        }
    }
}
