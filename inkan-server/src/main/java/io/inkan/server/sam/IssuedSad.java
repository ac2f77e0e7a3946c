package io.inkan.server.sam;

import java.time.Instant;

/**
 * A freshly issued SAD: the opaque handle the client presents when signing (shown this once; the
 * database keeps only its SHA-256), when it expires, and how many digests it authorizes.
 */
public record IssuedSad(String sad, Instant expiresAt, int count) {

    @Override
    public String toString() {
        return "IssuedSad[expiresAt=" + expiresAt + ", count=" + count + "]";
    }
}
