package io.inkan.server.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock (UTC) plus an offset that only grows: a server started with it
 * ({@link io.inkan.server.testing.TestServer#start(java.nio.file.Path, java.util.Map, Clock)}) keeps
 * real time flowing, so ordering and scheduling behave as in production, while a test makes a SAD, an
 * approval window or a throttling window lapse by {@link #advance advancing} it instead of sleeping.
 *
 * <p>TLS is checked by the JDK against the system clock, not this one: advance by less than the five
 * minutes by which the server back-dates the certificates it issues, or start a fresh server.
 */
public final class TestClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves this clock forward by {@code step}. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + step);
        }
        offset.accumulateAndGet(step, Duration::plus);
    }

    /** How far this clock is ahead of the system clock. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server's clock is UTC");
    }
}
