package io.inkan.server.identity;

import io.inkan.server.infra.seal.ConfigurationSeal;
import io.inkan.server.infra.seal.SealedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code api_tokens}: metadata plus the SHA-256 of each secret, never the secret. A token's
 * binding (its id, secret hash, role and project) is sealed when it is issued and verified when a secret
 * is authenticated (M7), so a token given another role or project in the database behind the service's
 * back, or a token row inserted there, authenticates nobody.
 */
@Repository
class ApiTokenRepository implements SealedTable {

    private static final String TABLE = "api_tokens";
    private static final String SELECT = """
            SELECT t.id, t.name, t.secret_hash, t.role, t.project_id, p.name AS project, t.expires_at,
                   t.revoked_at, t.last_used_at, t.seal
            FROM api_tokens t LEFT JOIN projects p ON p.id = t.project_id
            """;

    private final JdbcClient jdbc;
    private final ConfigurationSeal seal;
    private final Clock clock;

    ApiTokenRepository(JdbcClient jdbc, ConfigurationSeal seal, Clock clock) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.clock = clock;
    }

    void insert(String id, String name, byte[] secretHash, Role role, Long projectId, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO api_tokens (id, name, secret_hash, role, project_id, created_at, expires_at, seal)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, name, secretHash, role.name(), projectId, utc(clock.instant()), utc(expiresAt),
                        seal.seal(TABLE, sealed(id, secretHash, role.name(), projectId)))
                .update();
    }

    /**
     * The token with this secret hash, if its seal verifies. A row that fails is reported as tampered
     * (log, metric, audit record) and authenticates nobody: the caller gets the ordinary 401.
     */
    Optional<ApiTokenRecord> findBySecretHash(byte[] secretHash) {
        return jdbc.sql(SELECT + " WHERE t.secret_hash = ?").param(secretHash).query((rs, row) -> {
            long projectId = rs.getLong("project_id");
            Long storedProject = rs.wasNull() ? null : projectId;
            if (!seal.isIntact(TABLE, rs.getBytes("seal"),
                    sealed(rs.getString("id"), rs.getBytes("secret_hash"), rs.getString("role"), storedProject))) {
                seal.tampered(TABLE, "API token '" + rs.getString("name") + "' (" + rs.getString("id") + ")");
                return Optional.<ApiTokenRecord>empty();
            }
            return Optional.of(map(rs, row));
        }).list().stream().flatMap(Optional::stream).findFirst();
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public int adoptUnsealed() {
        record Unsealed(String id, byte[] secretHash, String role, Long projectId) {
        }
        List<Unsealed> rows = jdbc.sql("SELECT id, secret_hash, role, project_id FROM api_tokens WHERE seal IS NULL")
                .query((rs, row) -> {
                    long projectId = rs.getLong("project_id");
                    return new Unsealed(rs.getString("id"), rs.getBytes("secret_hash"), rs.getString("role"),
                            rs.wasNull() ? null : projectId);
                })
                .list();
        rows.forEach(row -> jdbc.sql("UPDATE api_tokens SET seal = ? WHERE id = ?")
                .params(seal.seal(TABLE, sealed(row.id(), row.secretHash(), row.role(), row.projectId())), row.id())
                .update());
        return rows.size();
    }

    /** What a token's seal covers: which secret it is and which role it grants where. */
    private static List<Object> sealed(String id, byte[] secretHash, String role, Long projectId) {
        return Arrays.asList(id, secretHash, role, projectId);
    }

    List<ApiTokenRecord> findAll() {
        return jdbc.sql(SELECT + " ORDER BY t.created_at").query(this::map).list();
    }

    boolean anyActiveAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE role = 'ADMIN' AND revoked_at IS NULL AND expires_at > ?")
                .param(utc(clock.instant())).query(Long.class).single() > 0;
    }

    boolean revoke(String id) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(utc(clock.instant()), id).update() == 1;
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
