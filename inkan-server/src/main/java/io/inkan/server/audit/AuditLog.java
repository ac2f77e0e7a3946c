package io.inkan.server.audit;

import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records security events (L1): successes in the same transaction as the change they describe, and
 * refusals after the refused change has been rolled back. Who and from where are taken from the current
 * request so callers cannot forget them. The tamper-evident, hash-chained trail replaces this table in
 * a later step; callers keep this interface.
 */
@Component
public class AuditLog {

    private static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String action, Outcome outcome, String project, String detail) {
        InkanPrincipal principal = Access.currentOrNull();
        record(principal == null ? null : principal.name() + " (" + principal.id() + ")", action, outcome, project, detail);
    }

    /** For events without an authenticated principal, e.g. a refused credential or server start-up. */
    public void record(String principal, String action, Outcome outcome, String project, String detail) {
        jdbc.sql("""
                        INSERT INTO security_events (occurred_at, principal, source, action, outcome, project, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(Instant.now().atOffset(ZoneOffset.UTC), principal, sourceAddress(), action, outcome.name(),
                        project, truncate(detail))
                .update();
    }

    /** Most recent first; for tests and, later, the audit API. */
    public List<SecurityEvent> recent(int limit) {
        return jdbc.sql("SELECT * FROM security_events ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .query((rs, row) -> new SecurityEvent(rs.getLong("id"), rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("principal"), rs.getString("source"), rs.getString("action"),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("project"), rs.getString("detail")))
                .list();
    }

    private static String sourceAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
