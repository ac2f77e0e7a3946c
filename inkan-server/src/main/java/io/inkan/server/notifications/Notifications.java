package io.inkan.server.notifications;

import io.inkan.server.audit.CheckpointSigned;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queues the notifications of a workflow event in the outbox, inside the transaction that changes the
 * request: the event and its notifications commit together or not at all, and survive a restart (W4).
 * Delivery happens afterwards ({@link NotificationDispatcher}), so a slow or failing SMTP server or
 * webhook never holds up or breaks the request flow.
 */
@Service
public class Notifications {

    /** The event name of certificate expiry warnings in webhook bodies and the outbox. */
    public static final String CERTIFICATE_EXPIRING = "certificate.expiring";
    /** The event name of signed audit checkpoints sent to webhooks that opted in. */
    public static final String AUDIT_CHECKPOINT = "audit.checkpoint";

    /** The event name of a second factor locked by wrong codes. */
    public static final String SECOND_FACTOR_LOCKED = "second-factor.locked";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EmailTemplates templates;
    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationDispatcher dispatcher;
    private final Clock clock;

    Notifications(JdbcClient jdbc, JsonMapper json, EmailTemplates templates, ObjectProvider<JavaMailSender> mail,
                  NotificationDispatcher dispatcher, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.templates = templates;
        this.mail = mail;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Queues emails (when SMTP is configured) and webhook calls for {@code event}; call inside a transaction. */
    public void publish(WorkflowEvent event) {
        if (mail.getIfAvailable() != null) {
            EmailTemplates.Email email = templates.render(event);
            String payload = json.writeValueAsString(Map.of("subject", email.subject(), "body", email.body()));
            for (String address : emailRecipients(event)) {
                queue(event.project(), event.requestId(), event.type().eventName(), "EMAIL", address, payload);
            }
        }
        queueWebhooks(event.project(), event.requestId(), event.type().eventName(),
                json.writeValueAsString(webhookBody(event)));
        wakeDispatcherAfterCommit();
    }

    private void queueWebhooks(String project, String requestId, String eventName, String body) {
        for (String webhook : jdbc.sql("""
                        SELECT w.id FROM webhooks w JOIN projects p ON p.id = w.project_id WHERE p.name = ? ORDER BY w.id""")
                .param(project).query(String.class).list()) {
            queue(project, requestId, eventName, "WEBHOOK", webhook, body);
        }
    }

    private void wakeDispatcherAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wakeUp();
                }
            });
        }
    }

    /**
     * Queues the warning that a key's certificate enters the expiry horizon (K9): an email to each of the
     * project's custodians with an address, and a {@code certificate.expiring} call to every project
     * webhook. Call inside the transaction that records the warning.
     */
    public void publishCertificateExpiring(String project, String key, Instant notAfter, long days) {
        if (mail.getIfAvailable() != null) {
            EmailTemplates.Email email = templates.renderCertificateExpiring(project, key, notAfter, days);
            String payload = json.writeValueAsString(Map.of("subject", email.subject(), "body", email.body()));
            for (String address : emailsOf(project, "CUSTODIAN", "")) {
                queue(project, null, CERTIFICATE_EXPIRING, "EMAIL", address, payload);
            }
        }
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("project", project);
        certificate.put("key", key);
        certificate.put("notAfter", notAfter.toString());
        certificate.put("daysLeft", days);
        certificate.put("url", templates.keyLink(project, key));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", CERTIFICATE_EXPIRING);
        body.put("occurredAt", clock.instant().toString());
        body.put("certificate", certificate);
        queueWebhooks(project, null, CERTIFICATE_EXPIRING, json.writeValueAsString(body));
        wakeDispatcherAfterCommit();
    }

    /**
     * Queues the alarm that wrong codes locked a principal's second factor (issue 15): an email to every
     * administrator and to the custodians of each project the principal holds a role in, and a
     * {@code second-factor.locked} call to those projects' webhooks. Call inside the transaction that locks it.
     */
    public void publishSecondFactorLocked(String principalId, String principal, Instant lockedUntil, int failures) {
        List<String> projects = jdbc.sql("""
                        SELECT DISTINCT p.name FROM role_bindings b JOIN projects p ON p.id = b.project_id
                        WHERE b.principal_id = ? ORDER BY p.name""")
                .param(principalId).query(String.class).list();
        if (mail.getIfAvailable() != null) {
            EmailTemplates.Email email = templates.renderSecondFactorLocked(principal, lockedUntil, failures);
            String payload = json.writeValueAsString(Map.of("subject", email.subject(), "body", email.body()));
            Set<String> sent = new HashSet<>();
            for (String address : jdbc.sql("""
                            SELECT DISTINCT pr.email FROM principals pr JOIN role_bindings b ON b.principal_id = pr.id
                            WHERE b.role = 'ADMIN' AND pr.email IS NOT NULL ORDER BY pr.email""")
                    .query(String.class).list()) {
                sent.add(address);
                queue(null, null, SECOND_FACTOR_LOCKED, "EMAIL", address, payload);
            }
            for (String project : projects) {
                for (String address : emailsOf(project, "CUSTODIAN", "")) {
                    if (sent.add(address)) {
                        queue(project, null, SECOND_FACTOR_LOCKED, "EMAIL", address, payload);
                    }
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", SECOND_FACTOR_LOCKED);
        body.put("occurredAt", clock.instant().toString());
        body.put("principal", principal);
        body.put("lockedUntil", lockedUntil.toString());
        body.put("failures", failures);
        for (String project : projects) {
            queueWebhooks(project, null, SECOND_FACTOR_LOCKED, json.writeValueAsString(body));
        }
        wakeDispatcherAfterCommit();
    }

    /**
     * Queues an {@code audit.checkpoint} call to every webhook that opted in, whatever its project: each
     * receiver keeps a copy of the signed checkpoint outside the server (decision 016). Called inside the
     * transaction that stores the checkpoint.
     */
    @EventListener
    void publishCheckpoint(CheckpointSigned checkpoint) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", AUDIT_CHECKPOINT);
        body.put("occurredAt", clock.instant().toString());
        body.put("checkpoint", Map.of("size", checkpoint.size(), "root", checkpoint.root(), "note", checkpoint.note()));
        String payload = json.writeValueAsString(body);
        jdbc.sql("""
                        SELECT w.id, p.name FROM webhooks w JOIN projects p ON p.id = w.project_id
                        WHERE w.audit_checkpoints = TRUE ORDER BY w.id""")
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2))).list()
                .forEach(webhook -> queue(webhook.get(1), null, AUDIT_CHECKPOINT, "WEBHOOK", webhook.get(0), payload));
        wakeDispatcherAfterCommit();
    }

    private List<String> emailRecipients(WorkflowEvent event) {
        if (event.type().forApprovers()) {
            return emailsOf(event.project(), "APPROVER", event.requesterId());
        }
        return jdbc.sql("SELECT email FROM principals WHERE id = ? AND email IS NOT NULL")
                .param(event.requesterId()).query(String.class).list();
    }

    /** Email addresses of the project's principals holding {@code role}, except {@code excludedId}. */
    private List<String> emailsOf(String project, String role, String excludedId) {
        return jdbc.sql("""
                        SELECT DISTINCT pr.email FROM principals pr
                        JOIN role_bindings b ON b.principal_id = pr.id JOIN projects p ON p.id = b.project_id
                        WHERE p.name = ? AND b.role = ? AND pr.email IS NOT NULL AND pr.id <> ?
                        ORDER BY pr.email""")
                .params(project, role, excludedId).query(String.class).list();
    }

    private void queue(String project, String requestId, String eventName, String channel, String target,
                       String payload) {
        Object now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO notification_outbox (project, request_id, event, channel, target, payload, state, attempts,
                                                         next_attempt, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                .params(project, requestId, eventName, channel, target, payload, now, now)
                .update();
    }

    private Map<String, Object> webhookBody(WorkflowEvent event) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", event.requestId());
        request.put("project", event.project());
        request.put("profile", event.profile());
        request.put("kind", event.kind());
        request.put("requester", event.requester());
        request.put("reason", event.reason());
        request.put("ciRunUrl", event.ciRunUrl());
        request.put("artifacts", event.artifacts());
        request.put("state", event.state());
        request.put("approvalsRequired", event.approvalsRequired());
        request.put("approvals", event.approvals());
        request.put("expiresAt", event.expiresAt().toString());
        request.put("url", templates.link(event));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.type().eventName());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("request", request);
        return body;
    }
}
