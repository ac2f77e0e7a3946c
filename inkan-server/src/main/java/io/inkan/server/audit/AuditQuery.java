package io.inkan.server.audit;

import io.inkan.server.infra.encoding.StrictBase64;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Search filters over the trail; every one optional. {@code principal} matches part of the recorded
 * principal (name or credential id); {@code digest} (hex or base64) finds the signatures of that digest.
 *
 * @param from inclusive
 * @param to   exclusive
 */
record AuditQuery(Instant from, Instant to, String project, String principal, String action, String outcome,
                  String digest) {

    AuditQuery {
        digest = digest == null || digest.isBlank() ? null : normalizeDigest(digest.trim());
        outcome = outcome == null || outcome.isBlank() ? null : outcome.trim().toUpperCase(Locale.ROOT);
    }

    /** No filter at all: the whole trail. */
    static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null, null);
    }

    boolean isEverything() {
        return equals(everything());
    }

    AuditQuery withProject(String scopedProject) {
        return new AuditQuery(from, to, scopedProject, principal, action, outcome, digest);
    }

    /** The SQL condition (starting with {@code WHERE}, or empty) and its parameters. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (from != null) {
            conditions.add("occurred_at >= ?");
            params.add(from.atOffset(java.time.ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("occurred_at < ?");
            params.add(to.atOffset(java.time.ZoneOffset.UTC));
        }
        if (project != null) {
            conditions.add("project = ?");
            params.add(project);
        }
        if (principal != null && !principal.isBlank()) {
            conditions.add("principal LIKE ? ESCAPE '!'");
            params.add("%" + principal.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (action != null && !action.isBlank()) {
            conditions.add("action = ?");
            params.add(action);
        }
        if (outcome != null) {
            conditions.add("outcome = ?");
            params.add(outcome);
        }
        if (digest != null) {
            conditions.add("data LIKE ?");
            params.add("%\"digest\":\"" + digest + "\"%");
        }
        return new Where(conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions), params);
    }

    private static String normalizeDigest(String value) {
        if (value.matches("[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}")) {
            return value.toLowerCase(Locale.ROOT);
        }
        try {
            // Typed by people and passed on by the CLI as typed: base64url is kept (StrictBase64).
            return HexFormat.of().formatHex(StrictBase64.decodeEitherAlphabet(value));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Problem.INVALID_DIGEST, "digest must be hex or base64");
        }
    }

    record Where(String sql, List<Object> params) {
    }
}
