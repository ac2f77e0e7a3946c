package io.inkan.core.api;

import java.util.List;

/**
 * A batch of digests to sign under one profile with one algorithm.
 *
 * @param algorithm a {@link io.inkan.core.SignatureAlgorithm} name
 * @param items     signed in order; the response keeps that order
 */
public record SignHashRequest(String algorithm, List<Item> items) {

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
