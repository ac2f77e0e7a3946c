package io.inkan.server.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Rows of {@code api_tokens}: metadata plus the SHA-256 of each secret, never the secret. */
@Repository
class ApiTokenRepository {

    private static final String SELECT = """
            SELECT t.id, t.name, t.secret_hash, t.role, t.project_id, p.name AS project, t.expires_at,
                   t.revoked_at, t.last_used_at
            FROM api_tokens t LEFT JOIN projects p ON p.id = t.project_id
            """;

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String name, byte[] secretHash, Role role, Long projectId, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO api_tokens (id, name, secret_hash, role, project_id, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, name, secretHash, role.name(), projectId, utc(Instant.now()), utc(expiresAt))
                .update();
    }

    Optional<ApiTokenRecord> findBySecretHash(byte[] secretHash) {
        return jdbc.sql(SELECT + " WHERE t.secret_hash = ?").param(secretHash).query(this::map).optional();
    }

    List<ApiTokenRecord> findAll() {
        return jdbc.sql(SELECT + " ORDER BY t.created_at").query(this::map).list();
    }

    boolean anyActiveAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE role = 'ADMIN' AND revoked_at IS NULL AND expires_at > ?")
                .param(utc(Instant.now())).query(Long.class).single() > 0;
    }

    boolean revoke(String id) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(utc(Instant.now()), id).update() == 1;
    }

    void touch(String id, Instant when) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").params(utc(when), id).update();
    }

    private ApiTokenRecord map(ResultSet rs, int row) throws SQLException {
        long projectId = rs.getLong("project_id");
        return new ApiTokenRecord(rs.getString("id"), rs.getString("name"), rs.getBytes("secret_hash"),
                Role.valueOf(rs.getString("role")), rs.wasNull() ? null : projectId, rs.getString("project"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
