package io.inkan.server.requests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code signing_requests}, their items and decisions. State changes are conditional updates
 * ({@code WHERE state = ...}), so of two nodes racing to change one request exactly one wins.
 */
@Repository
class RequestRepository {

    private static final String SELECT = """
            SELECT r.*, p.name AS project, s.name AS profile FROM signing_requests r
            JOIN projects p ON p.id = r.project_id JOIN signing_profiles s ON s.id = r.profile_id
            """;

    private final JdbcClient jdbc;

    RequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param remindAt when approvers get a reminder, or {@code null} for none */
    void insert(SigningRequest request, Instant remindAt) {
        jdbc.sql("""
                        INSERT INTO signing_requests (id, project_id, profile_id, kind, requester_id, requester_name, algorithm,
                            reason, ci_run_url, commit_id, state, approvals_required, approval_level, window_max_digests,
                            window_seconds, window_used, created_at, expires_at, remind_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""")
                .params(request.id(), request.projectId(), request.profileId(), request.kind().name(), request.requesterId(),
                        request.requesterName(), request.algorithm(), request.reason(), request.ciRunUrl(), request.commit(),
                        request.state().name(), request.approvalsRequired(), request.approvalLevel(),
                        request.windowMaxDigests(), request.windowSeconds(), utc(request.createdAt()),
                        utc(request.expiresAt()), utc(remindAt))
                .update();
        for (int i = 0; i < request.items().size(); i++) {
            SigningRequest.Item item = request.items().get(i);
            jdbc.sql("""
                            INSERT INTO signing_request_items (request_id, position, artifact, digest, size_bytes)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(request.id(), i, item.artifact(), item.digest(), item.size()).update();
        }
    }

    Optional<SigningRequest> find(long projectId, String id) {
        return jdbc.sql(SELECT + " WHERE r.project_id = ? AND r.id = ?").params(projectId, id)
                .query(this::map).optional();
    }

    Optional<SigningRequest> findById(String id) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(this::map).optional();
    }

    /** Locks the request row for the rest of the transaction, so decisions on it are serialized. */
    Optional<SigningRequest> lock(long projectId, String id) {
        Optional<String> locked = jdbc.sql("SELECT id FROM signing_requests WHERE project_id = ? AND id = ? FOR UPDATE")
                .params(projectId, id).query(String.class).optional();
        return locked.flatMap(found -> find(projectId, found));
    }

    List<SigningRequest> list(long projectId, RequestState state, int limit) {
        String where = state == null ? " WHERE r.project_id = ?" : " WHERE r.project_id = ? AND r.state = ?";
        List<Object> parameters = state == null ? List.of(projectId) : List.of(projectId, state.name());
        return jdbc.sql(SELECT + where + " ORDER BY r.created_at DESC, r.id LIMIT " + limit).params(parameters)
                .query(this::map).list();
    }

    /** Requests in {@code state} whose {@code column} time lies before {@code time}, oldest first. */
    List<SigningRequest> due(RequestState state, String column, Instant time, int limit) {
        return jdbc.sql(SELECT + " WHERE r.state = ? AND r." + column + " < ? ORDER BY r." + column + " LIMIT " + limit)
                .params(state.name(), utc(time)).query(this::map).list();
    }

    /** Requests awaiting decisions whose reminder time has come and that were not reminded yet. */
    List<SigningRequest> reminderDue(Instant now, int limit) {
        return jdbc.sql(SELECT + """
                         WHERE r.state = 'REQUESTED' AND r.reminded_at IS NULL AND r.remind_at < ?
                         ORDER BY r.remind_at""" + " LIMIT " + limit)
                .param(utc(now)).query(this::map).list();
    }

    void insertDecision(String requestId, SigningRequest.Decision decision) {
        jdbc.sql("""
                        INSERT INTO signing_request_decisions (request_id, principal_id, principal_name, decision,
                            second_factor, comment, decided_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(requestId, decision.principalId(), decision.principalName(),
                        decision.approve() ? "APPROVE" : "REJECT", decision.secondFactor(), decision.comment(),
                        utc(decision.decidedAt()))
                .update();
    }

    /** Moves the request from {@code from} to {@code to}; false if another node moved it first. */
    boolean transition(String id, RequestState from, RequestState to, Instant at) {
        String column = switch (to) {
            case SIGNED -> "signed_at";
            case CLOSED -> "signed_at";
            default -> "decided_at";
        };
        return jdbc.sql("UPDATE signing_requests SET state = ?, " + column + " = ? WHERE id = ? AND state = ?")
                .params(to.name(), utc(at), id, from.name()).update() == 1;
    }

    boolean approveWindow(String id, Instant at, Instant closesAt) {
        return jdbc.sql("""
                        UPDATE signing_requests SET state = 'APPROVED', decided_at = ?, window_closes_at = ?
                        WHERE id = ? AND state = 'REQUESTED'""")
                .params(utc(at), utc(closesAt), id).update() == 1;
    }

    /** Records that the request's one SAD was issued; false if it already was. */
    boolean markSadIssued(String id, Instant at) {
        return jdbc.sql("UPDATE signing_requests SET sad_issued_at = ? WHERE id = ? AND state = 'APPROVED' AND sad_issued_at IS NULL")
                .params(utc(at), id).update() == 1;
    }

    /** The request a SAD was issued for, found by the SAD's factors ({@code approval:<id>}). */
    Optional<String> requestOfSad(byte[] sadHash) {
        return jdbc.sql("SELECT factors FROM signature_activations WHERE sad_hash = ?").param(sadHash)
                .query(String.class).optional()
                .flatMap(factors -> java.util.Arrays.stream(factors.split(","))
                        .filter(f -> f.startsWith(SigningRequests.APPROVAL_FACTOR))
                        .map(f -> f.substring(SigningRequests.APPROVAL_FACTOR.length())).findFirst());
    }

    /** Gives digests back to a window after the signing they were taken for failed. */
    void returnToWindow(String id, int count) {
        jdbc.sql("UPDATE signing_requests SET window_used = window_used - ? WHERE id = ? AND window_used >= ?")
                .params(count, id, count).update();
    }

    boolean markReminded(String id, Instant at) {
        return jdbc.sql("UPDATE signing_requests SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND state = 'REQUESTED'")
                .params(utc(at), id).update() == 1;
    }

    /** Open windows of a profile that could still take {@code count} digests, soonest closing first. */
    List<String> openWindows(long profileId, Instant now) {
        return jdbc.sql("""
                        SELECT id FROM signing_requests WHERE profile_id = ? AND kind = 'WINDOW' AND state = 'APPROVED'
                        AND window_closes_at > ? ORDER BY window_closes_at, id""")
                .params(profileId, utc(now)).query(String.class).list();
    }

    /** Takes {@code count} digests from a window if they fit; one conditional update, safe across nodes. */
    boolean takeFromWindow(String id, int count, Instant now) {
        return jdbc.sql("""
                        UPDATE signing_requests SET window_used = window_used + ?
                        WHERE id = ? AND state = 'APPROVED' AND window_closes_at > ? AND window_used + ? <= window_max_digests""")
                .params(count, id, utc(now), count).update() == 1;
    }

    private SigningRequest map(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        long windowMax = rs.getLong("window_max_digests");
        Integer windowMaxDigests = rs.wasNull() ? null : (int) windowMax;
        long windowSeconds = rs.getLong("window_seconds");
        Long windowDuration = rs.wasNull() ? null : windowSeconds;
        return new SigningRequest(id, rs.getLong("project_id"), rs.getString("project"), rs.getLong("profile_id"),
                rs.getString("profile"), SigningRequest.Kind.valueOf(rs.getString("kind")), rs.getString("requester_id"),
                rs.getString("requester_name"), rs.getString("algorithm"), rs.getString("reason"),
                rs.getString("ci_run_url"), rs.getString("commit_id"), RequestState.valueOf(rs.getString("state")),
                rs.getInt("approvals_required"), rs.getInt("approval_level"), windowMaxDigests, windowDuration,
                rs.getInt("window_used"), instant(rs, "window_closes_at"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "decided_at"), instant(rs, "signed_at"), items(id), decisions(id));
    }

    private List<SigningRequest.Item> items(String id) {
        return jdbc.sql("SELECT artifact, digest, size_bytes FROM signing_request_items WHERE request_id = ? ORDER BY position")
                .param(id)
                .query((rs, row) -> {
                    long size = rs.getLong("size_bytes");
                    return new SigningRequest.Item(rs.getString("artifact"), rs.getString("digest"), rs.wasNull() ? null : size);
                })
                .list();
    }

    private List<SigningRequest.Decision> decisions(String id) {
        return jdbc.sql("SELECT * FROM signing_request_decisions WHERE request_id = ? ORDER BY decided_at, principal_name")
                .param(id)
                .query((rs, row) -> new SigningRequest.Decision(rs.getString("principal_id"), rs.getString("principal_name"),
                        "APPROVE".equals(rs.getString("decision")), rs.getBoolean("second_factor"), rs.getString("comment"),
                        instant(rs, "decided_at")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
