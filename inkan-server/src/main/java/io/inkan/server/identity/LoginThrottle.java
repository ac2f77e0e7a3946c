package io.inkan.server.identity;

import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing and flooding with bad bearer credentials (issue 15): failed credentials are
 * counted per source address and per credential (a fingerprint of the presented value, never the value)
 * in fixed windows of {@code inkan.throttling.login-interval}. Once either count reaches
 * {@code login-failures}, further credentials from that source, or that credential from anywhere, are
 * refused with 429 until the window ends, without being checked. Failures up to the limit are recorded
 * one by one; the refusals after it are summed into one audit record per source and window, so one
 * client cannot write millions of records a day.
 *
 * <p>The counts live in each node's memory, not in the database: a database write per failed attempt
 * would hand a flood the very amplification this prevents, and a per-node limit still bounds the rate
 * to the limit times the number of nodes. A restart forgets them, which only lets a few more failures
 * through. Valid credentials from an unthrottled source are never affected.
 */
@Component
class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int FINGERPRINT_BYTES = 8;

    private final int limit;
    private final Duration interval;
    private final AuditLog audit;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(InkanProperties properties, AuditLog audit, Clock clock) {
        this.limit = properties.throttling().loginFailures();
        this.interval = properties.throttling().loginInterval();
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Seconds until {@code source} and {@code credential} may try again, or 0 if they may now; a refusal
     * is counted for the source's summary record.
     */
    long retryAfter(String source, String credential) {
        Instant now = clock.instant();
        long wait = Math.max(wait(sourceKey(source), now), wait(credentialKey(credential), now));
        if (wait > 0) {
            Window window = current(sourceKey(source), now);
            synchronized (window) {
                window.refused++;
            }
        }
        return wait;
    }

    /** Counts a failed credential; logs a warning when the source or the credential reaches the limit. */
    void failed(String source, String credential) {
        Instant now = clock.instant();
        reached(sourceKey(source), now, "source address " + source);
        reached(credentialKey(credential), now, "credential " + fingerprint(credential));
    }

    /** Writes the summary of each window that ended with refusals, and forgets every ended window. */
    @Scheduled(fixedDelay = 1000)
    void flush() {
        Instant now = clock.instant();
        windows.forEach((key, window) -> {
            if (!window.endsAt().isAfter(now) && windows.remove(key, window)) {
                summarise(key, window);
            }
        });
    }

    private void summarise(String key, Window window) {
        long refused;
        int failures;
        synchronized (window) {
            refused = window.refused;
            failures = window.failures;
        }
        if (refused > 0 && key.startsWith("source ")) {
            audit.record(null, AuditAction.AUTHENTICATE, Outcome.DENIED, null, refused + " further credential(s) from "
                    + key.substring("source ".length()) + " refused with 429 between " + window.start + " and "
                    + window.endsAt() + ", after " + failures + " failed credential(s)");
        }
    }

    private void reached(String key, Instant now, String what) {
        Window window = current(key, now);
        boolean reached;
        synchronized (window) {
            window.failures++;
            reached = window.failures == limit;
        }
        if (reached) {
            LOG.warn("{} failed credentials from {} within {}: further ones are refused with 429 until {}",
                    limit, what, interval, window.endsAt());
        }
    }

    private long wait(String key, Instant now) {
        Window window = windows.get(key);
        if (window == null || !window.endsAt().isAfter(now)) {
            return 0;
        }
        synchronized (window) {
            return window.failures >= limit ? Math.max(1, Duration.between(now, window.endsAt()).toSeconds() + 1) : 0;
        }
    }

    /** The key's window at {@code now}, starting a new one (and summing up the ended one) if needed. */
    private Window current(String key, Instant now) {
        Window window = windows.get(key);
        if (window != null && !window.endsAt().isAfter(now) && windows.remove(key, window)) {
            summarise(key, window);
        }
        return windows.computeIfAbsent(key, k -> new Window(now, interval));
    }

    private static String sourceKey(String source) {
        return "source " + source;
    }

    private static String credentialKey(String credential) {
        return "credential " + fingerprint(credential);
    }

    /** The first bytes of the SHA-256 of a presented credential: names it in logs without revealing it. */
    static String fingerprint(String credential) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, FINGERPRINT_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One key's fixed window: failures counted in it and refusals made because of it. */
    private static final class Window {
        private final Instant start;
        private final Duration length;
        private int failures;
        private long refused;

        Window(Instant start, Duration length) {
            this.start = start;
            this.length = length;
        }

        Instant endsAt() {
            return start.plus(length);
        }
    }
}
