package io.inkan.server.ca;

import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import io.inkan.server.notifications.Notifications;
import io.inkan.server.keys.SigningKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Certificate expiry monitoring (K9): the metric {@code inkan.certificate.expiry.days} gives each key's
 * days until its certificate expires, and a periodic check warns once per certificate when an active
 * key's certificate enters the horizon ({@code inkan.ca.expiry-horizon}) — an audit record, a log line,
 * and an email to the project's custodians and a {@code certificate.expiring} webhook call, so the people
 * reviewing the trail, the operators' alerting and the key's owners all see it in time to renew.
 * The same check re-signs CRLs that are half-way to their next update.
 */
@Component
public class CertificateExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiry.class);
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final Keys keys;
    private final Crls crls;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Notifications notifications;
    /** The soonest notAfter of all keys' certificates; {@code null} while there are none. */
    private final AtomicReference<Instant> soonest = new AtomicReference<>();
    private final Duration horizon;
    private final Clock clock;

    CertificateExpiry(Keys keys, Crls crls, JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit,
                      Notifications notifications, MeterRegistry meters, InkanProperties properties, Clock clock) {
        this.keys = keys;
        this.crls = crls;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.notifications = notifications;
        this.horizon = properties.ca().expiryHorizon();
        this.clock = clock;
        // One value without project or key names: the metrics endpoint is public, names are not (the
        // warning's audit record, log line and notification say which key it is).
        Gauge.builder("inkan.certificate.expiry.days", soonest, this::daysUntil)
                .description("Days until the soonest-expiring key certificate expires (negative once expired)")
                .baseUnit("days")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishOnStart() {
        publish(keys.all());
    }

    /** The periodic check: CRLs, metric, and warnings. */
    @Scheduled(fixedDelayString = "${inkan.ca.check-interval}", initialDelayString = "${inkan.ca.check-interval}")
    void periodicCheck() {
        crls.refreshDue();
        check();
    }

    /** Refreshes the metric and warns about certificates newly inside the horizon; returns how many. */
    public int check() {
        List<SigningKey> all = keys.all();
        publish(all);
        Instant limit = clock.instant().plus(horizon);
        int warned = 0;
        for (SigningKey key : all) {
            Instant notAfter = key.certificateChain().get(0).getNotAfter().toInstant();
            if (key.state() == KeyState.ACTIVE && notAfter.isBefore(limit) && warn(key, notAfter)) {
                warned++;
            }
        }
        return warned;
    }

    private boolean warn(SigningKey key, Instant notAfter) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                boolean known = jdbc.sql("SELECT COUNT(*) FROM key_expiry_warnings WHERE key_id = ? AND not_after = ?")
                        .params(key.id(), notAfter.atOffset(ZoneOffset.UTC)).query(Long.class).single() > 0;
                if (known) {
                    return false;
                }
                jdbc.sql("INSERT INTO key_expiry_warnings (key_id, not_after, warned_at) VALUES (?, ?, ?)")
                        .params(key.id(), notAfter.atOffset(ZoneOffset.UTC), clock.instant().atOffset(ZoneOffset.UTC))
                        .update();
                long days = Duration.between(clock.instant(), notAfter).toDays();
                String detail = "certificate of key '" + key.name() + "' expires at " + notAfter + " (" + days
                        + " day(s)), inside the warning horizon of " + horizon.toDays() + " day(s)";
                audit.record(null, AuditAction.KEY_CERTIFICATE_EXPIRY, Outcome.SUCCESS, key.project(), detail);
                LOG.warn("project '{}': {}", key.project(), detail);
                notifications.publishCertificateExpiring(key.project(), key.name(), notAfter, days);
                return true;
            }));
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private void publish(List<SigningKey> all) {
        soonest.set(all.stream().map(key -> key.certificateChain().get(0).getNotAfter().toInstant())
                .min(Comparator.naturalOrder()).orElse(null));
    }

    private double daysUntil(AtomicReference<Instant> notAfter) {
        Instant value = notAfter.get();
        return value == null ? Double.NaN : Duration.between(clock.instant(), value).toSeconds() / SECONDS_PER_DAY;
    }
}
