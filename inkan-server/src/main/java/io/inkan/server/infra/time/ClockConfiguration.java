package io.inkan.server.infra.time;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Provides the server's one source of wall-clock time: the system clock in UTC. Classes that stamp,
 * expire or schedule take this {@link Clock} as a constructor parameter rather than calling
 * {@code Instant.now()}, so a test can start the server with its own clock (registered before the
 * context refreshes, which this default then yields to) and move time forward instead of sleeping.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
