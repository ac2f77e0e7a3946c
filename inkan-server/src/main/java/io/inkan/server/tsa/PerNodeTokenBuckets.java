package io.inkan.server.tsa;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets per caller (a client address, a profile) on this node: {@code burst} requests at once,
 * refilled at {@code perSecond}. Enough to keep one client from monopolising the TSA key or hammering an
 * external authority; it is per node on purpose, so the limit costs no database round trip (N nodes
 * allow N times the rate). Idle buckets are dropped once the table grows past {@value #MAX_CALLERS}, so
 * a flood of spoofed callers cannot grow memory without bound. Deliberately not the profile rate limit
 * of {@code policy.ProfileRateLimit}, which counts in the database for all nodes (decision 018).
 */
final class PerNodeTokenBuckets {

    private static final int MAX_CALLERS = 10_000;

    private final double perSecond;
    private final double burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    PerNodeTokenBuckets(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request from {@code caller}'s bucket; empty when allowed, else how long to wait. */
    Optional<Duration> acquire(String caller) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_CALLERS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(caller, c -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(long now) {
            this.tokens = burst;
            this.updated = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9)));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
        }
    }
}
