package io.inkan.core.api;

import java.time.Instant;

/**
 * A key stop-use, revocation or destruction request (K6, M6). The nonce is accepted once; the timestamp
 * must be close to the server's clock, so a captured request cannot be replayed later.
 *
 * @param nonce     16 to 64 characters of [A-Za-z0-9_-], fresh for every request (the CLI sends 32 random bytes)
 * @param timestamp when the client made the request
 * @param reason    optional, recorded in the audit trail
 */
public record KeyStateRequest(String nonce, Instant timestamp, String reason) {
}
