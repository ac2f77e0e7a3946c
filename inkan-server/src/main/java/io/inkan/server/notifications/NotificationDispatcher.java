package io.inkan.server.notifications;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers queued notifications, on every node, without two nodes sending the same one: a node claims a
 * row with a conditional update (a lease that runs out if the node dies mid-delivery). A failed delivery
 * is retried with doubling delays up to the configured number of attempts, then recorded as failed in
 * the outbox and in the audit trail; the signing request it is about is never affected.
 */
@Component
class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 50;
    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectProvider<JavaMailSender> mail;
    private final Webhooks webhooks;
    private final WebhookSender webhookSender;
    private final AuditLog audit;
    private final NotificationProperties properties;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inkan-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Clock clock;

    NotificationDispatcher(JdbcClient jdbc, JsonMapper json, ObjectProvider<JavaMailSender> mail, Webhooks webhooks,
                           WebhookSender webhookSender, AuditLog audit, NotificationProperties properties,
                           Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.mail = mail;
        this.webhooks = webhooks;
        this.webhookSender = webhookSender;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a delivery round soon, e.g. after a transaction queued notifications. */
    void wakeUp() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                deliverDue();
            });
        }
    }

    @Scheduled(fixedDelayString = "${inkan.notifications.delivery-interval:5s}",
            initialDelayString = "${inkan.notifications.delivery-interval:5s}")
    void onTimer() {
        wakeUp();
    }

    /** Delivers every due notification this node can claim. */
    void deliverDue() {
        try {
            List<Long> due;
            do {
                Instant now = clock.instant();
                due = jdbc.sql("""
                                SELECT id FROM notification_outbox WHERE state = 'PENDING' AND next_attempt <= ?
                                AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id""")
                        .params(utc(now), utc(now)).query(Long.class).list();
                due = due.subList(0, Math.min(BATCH, due.size()));
                for (long id : due) {
                    if (claim(id, now)) {
                        deliver(id);
                    }
                }
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.error("notification delivery round failed", e);
        }
    }

    private boolean claim(long id, Instant now) {
        return jdbc.sql("""
                        UPDATE notification_outbox SET claimed_until = ?
                        WHERE id = ? AND state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)""")
                .params(utc(now.plus(LEASE)), id, utc(now)).update() == 1;
    }

    private void deliver(long id) {
        Row row = jdbc.sql("SELECT project, event, channel, target, payload, attempts FROM notification_outbox WHERE id = ?")
                .param(id).query((rs, n) -> new Row(id, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6))).single();
        try {
            send(row);
            jdbc.sql("UPDATE notification_outbox SET state = 'SENT', attempts = ?, sent_at = ?, claimed_until = NULL WHERE id = ?")
                    .params(row.attempts() + 1, utc(clock.instant()), id).update();
        } catch (Exception e) {
            failed(row, e);
        }
    }

    private void send(Row row) throws Exception {
        switch (row.channel()) {
            case "EMAIL" -> {
                JavaMailSender sender = mail.getIfAvailable();
                if (sender == null) {
                    throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
                }
                JsonNode content = json.readTree(row.payload());
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(properties.mailFrom());
                message.setTo(row.target());
                message.setSubject(content.get("subject").asString());
                message.setText(content.get("body").asString());
                sender.send(message);
            }
            case "WEBHOOK" -> {
                Webhooks.Endpoint endpoint = webhooks.endpoint(row.target())
                        .orElseThrow(() -> new IllegalStateException("the webhook was removed"));
                webhookSender.send(endpoint, row.id(), row.event(), row.payload());
            }
            default -> throw new IllegalStateException("unknown channel " + row.channel());
        }
    }

    private void failed(Row row, Exception failure) {
        int attempts = row.attempts() + 1;
        String error = describe(failure);
        boolean last = attempts >= properties.deliveryAttempts();
        Duration delay = properties.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 16));
        jdbc.sql("""
                        UPDATE notification_outbox SET state = ?, attempts = ?, last_error = ?, next_attempt = ?,
                        claimed_until = NULL WHERE id = ?""")
                .params(last ? "FAILED" : "PENDING", attempts, error, utc(clock.instant().plus(delay)), row.id())
                .update();
        LOG.warn("notification {} ({} {} to {}) failed, attempt {} of {}: {}", row.id(), row.event(), row.channel(),
                row.target(), attempts, properties.deliveryAttempts(), error);
        if (last) {
            audit.record(AuditLog.SYSTEM, AuditAction.NOTIFICATION_FAILED, Outcome.FAILED, row.project(),
                    row.event() + " " + row.channel().toLowerCase(java.util.Locale.ROOT) + " notification " + row.id() + " to " + row.target()
                            + " given up after " + attempts + " attempt(s): " + error);
        }
    }

    private static String describe(Exception failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getSimpleName());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
                break;
            }
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text.toString();
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** One queued notification. */
    private record Row(long id, String project, String event, String channel, String target, String payload,
                      int attempts) {
    }
}
