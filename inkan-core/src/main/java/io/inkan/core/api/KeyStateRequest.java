package io.inkan.core.api;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A key stop-use, revocation or destruction request (K6, M6). The nonce is accepted once; the timestamp
 * must be close to the server's clock, so a captured request cannot be replayed later.
 *
 * @param nonce     16 to 64 characters of [A-Za-z0-9_-], fresh for every request (the CLI sends 32 random bytes)
 * @param timestamp when the client made the request
 * @param reason    optional, recorded in the audit trail
 */
public record KeyStateRequest(String nonce, Instant timestamp, String reason) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A request made now, with a nonce of 32 random bytes. */
    public static KeyStateRequest fresh(String reason) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return new KeyStateRequest(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), Instant.now(), reason);
    }
}
