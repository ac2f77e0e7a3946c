package io.inkan.server.testkit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Bodies of the signed-off key state requests (disable, enable, revoke, destroy): a fresh nonce, the
 * client's timestamp (which the server checks against its clock) and a reason.
 */
public final class KeyStateBodies {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyStateBodies() {
    }

    public static Map<String, Object> request(Instant timestamp, String reason) {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return Map.of("nonce", Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                "timestamp", timestamp.toString(), "reason", reason);
    }
}
