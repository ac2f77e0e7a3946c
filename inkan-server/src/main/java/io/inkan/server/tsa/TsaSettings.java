package io.inkan.server.tsa;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Configuration of the built-in time-stamping authority and of the relay to external ones
 * ({@code inkan.tsa.*}), kept apart from the other server settings as a capability of its own.
 *
 * @param policyOid       the TSA policy stamped into every token; the default is a UUID-based OID
 *                        (ITU-T X.667, arc 2.25) that needs no registration: set your organisation's own
 * @param accuracy        the accuracy claimed in every token (the clock's worst error plus queueing)
 * @param maxQueryBytes   largest accepted time-stamp query; real ones are under 200 bytes
 * @param perClientPerSecond sustained requests per second one client address may make on {@code /tsa}
 * @param burst           requests a client may make at once before the rate applies
 * @param relay           calls to a profile's external authority
 */
@ConfigurationProperties(prefix = "inkan.tsa")
public record TsaSettings(String policyOid, Duration accuracy, Integer maxQueryBytes,
                          Double perClientPerSecond, Integer burst, Relay relay) {

    /** A UUID-derived OID (2.25.&lt;UUID as integer&gt;): unique without registering an arc. */
    public static final String DEFAULT_POLICY = "2.25.207945716321803164315054541596549344899";

    public TsaSettings {
        policyOid = policyOid == null || policyOid.isBlank() ? DEFAULT_POLICY : policyOid.trim();
        accuracy = accuracy == null ? Duration.ofSeconds(1) : accuracy;
        maxQueryBytes = maxQueryBytes == null ? 4096 : maxQueryBytes;
        perClientPerSecond = perClientPerSecond == null ? 20.0 : perClientPerSecond;
        burst = burst == null ? 100 : burst;
        relay = relay == null ? new Relay(null, null, null, null, null) : relay;
        require(maxQueryBytes > 0 && perClientPerSecond > 0 && burst > 0 && !accuracy.isNegative(),
                "inkan.tsa: max-query-bytes, per-client-per-second and burst must be positive, accuracy not negative");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * @param maxAttempts      tries per relayed query, the first included
     * @param initialBackoff   wait before the second try; doubles for each further one
     * @param timeout          per try, connecting and reading
     * @param perProfilePerSecond sustained relayed queries per second per profile (protects the upstream)
     * @param burst            relayed queries a profile may make at once before the rate applies
     */
    public record Relay(Integer maxAttempts, Duration initialBackoff, Duration timeout, Double perProfilePerSecond,
                        Integer burst) {
        public Relay {
            maxAttempts = maxAttempts == null ? 4 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofMillis(250) : initialBackoff;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            perProfilePerSecond = perProfilePerSecond == null ? 20.0 : perProfilePerSecond;
            burst = burst == null ? 100 : burst;
            require(maxAttempts >= 1 && !initialBackoff.isNegative() && !timeout.isNegative() && !timeout.isZero() && perProfilePerSecond > 0
                    && burst > 0, "inkan.tsa.relay: max-attempts, timeout, per-profile-per-second and burst must be "
                    + "positive, initial-backoff not negative");
        }
    }
}
