package io.inkan.server.notifications;

import io.inkan.core.api.WebhookView;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.outbound.OutboundAddresses;
import io.inkan.server.projects.Project;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A project's webhook endpoints: registered with a fresh random secret that is shown once. */
@Service
class Webhooks {

    private static final int MAX_URL = 1000;
    static final int MAX_PER_PROJECT = 20;

    private final JdbcClient jdbc;
    private final WebhookSecrets secrets;
    private final OutboundAddresses outbound;
    private final Clock clock;

    Webhooks(JdbcClient jdbc, WebhookSecrets secrets, OutboundAddresses outbound, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** A webhook's address and its secret in clear, for one delivery. */
    record Endpoint(URI url, byte[] secret) {
    }

    WebhookView create(Project project, String url, boolean auditCheckpoints) {
        URI uri = validate(url);
        if (list(project).size() >= MAX_PER_PROJECT) {
            throw new Refusal(Problem.TOO_MANY_WEBHOOKS,
                    "A project has at most " + MAX_PER_PROJECT + " webhooks");
        }
        String id = UUID.randomUUID().toString();
        byte[] secret = secrets.newSecret();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("INSERT INTO webhooks (id, project_id, url, secret_encrypted, created_at, audit_checkpoints) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, project.id(), uri.toString(), secrets.encrypt(id, secret), now.atOffset(ZoneOffset.UTC),
                        auditCheckpoints)
                .update();
        return new WebhookView(id, project.name(), uri.toString(), now, Base64.getEncoder().encodeToString(secret),
                auditCheckpoints);
    }

    List<WebhookView> list(Project project) {
        return jdbc.sql("SELECT id, url, created_at, audit_checkpoints FROM webhooks WHERE project_id = ? ORDER BY created_at, id")
                .param(project.id())
                .query((rs, row) -> new WebhookView(rs.getString("id"), project.name(), rs.getString("url"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), null, rs.getBoolean("audit_checkpoints")))
                .list();
    }

    WebhookView delete(Project project, String id) {
        WebhookView found = list(project).stream().filter(w -> w.id().equals(id)).findFirst()
                .orElseThrow(() -> Refusal.notFound("Webhook", id));
        jdbc.sql("DELETE FROM webhooks WHERE id = ? AND project_id = ?").params(id, project.id()).update();
        return found;
    }

    /** The endpoint to call, unless the webhook was removed since the notification was queued. */
    Optional<Endpoint> endpoint(String id) {
        return jdbc.sql("SELECT url, secret_encrypted FROM webhooks WHERE id = ?").param(id)
                .query((rs, row) -> new Endpoint(URI.create(rs.getString("url")), secrets.decrypt(id, rs.getBytes(2))))
                .optional();
    }

    private URI validate(String url) {
        try {
            if (url == null || url.length() > MAX_URL) {
                throw new URISyntaxException(String.valueOf(url), "missing or too long");
            }
            URI uri = new URI(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getUserInfo() != null || uri.getFragment() != null) {
                throw new URISyntaxException(url, "not an http(s) URL with a host");
            }
            String refusal = outbound.refusal(uri);
            if (refusal != null) {
                throw new Refusal(Problem.ADDRESS_NOT_ALLOWED, "url: " + refusal);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Refusal(Problem.INVALID_WEBHOOK_URL,
                    "url must be an absolute http(s) URL with a host, no user info or fragment, at most " + MAX_URL
                            + " characters");
        }
    }
}
