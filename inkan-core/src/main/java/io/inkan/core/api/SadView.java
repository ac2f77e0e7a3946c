package io.inkan.core.api;

import java.time.Instant;

/**
 * Signature activation data as handed to the client: an opaque, single-use handle to send with the
 * signing request, when it expires, and how many digests it authorizes.
 */
public record SadView(String sad, Instant expiresAt, int count) {

    /** Leaves the handle out, so logging the view does not leak it. */
    @Override
    public String toString() {
        return "SadView[expiresAt=" + expiresAt + ", count=" + count + "]";
    }
}
