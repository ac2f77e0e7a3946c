package io.inkan.server.identity;

import io.inkan.server.infra.seal.ConfigurationSeal;
import io.inkan.server.infra.seal.SealedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code principals}, {@code role_bindings} and {@code client_certificates}. Role bindings are
 * sealed when granted and verified whenever they are loaded (M7), so a role added or moved in the
 * database behind the service's back is refused instead of granting anything.
 */
@Repository
class PrincipalRepository implements SealedTable {

    private static final String BINDINGS = "role_bindings";

    private final JdbcClient jdbc;
    private final ConfigurationSeal seal;
    private final Clock clock;

    PrincipalRepository(JdbcClient jdbc, ConfigurationSeal seal, Clock clock) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.clock = clock;
    }

    void insert(String id, String name, String kind) {
        jdbc.sql("INSERT INTO principals (id, name, kind, created_at) VALUES (?, ?, ?, ?)")
                .params(id, name, kind, now()).update();
    }

    Optional<StoredPrincipal> findByName(String name) {
        return jdbc.sql("SELECT id, name, kind FROM principals WHERE name = ?").param(name)
                .query((rs, row) -> new StoredPrincipal(rs.getString("id"), rs.getString("name"), rs.getString("kind")))
                .optional();
    }

    Optional<StoredPrincipal> findByCertificate(String issuer, String serial) {
        return jdbc.sql("""
                        SELECT p.id, p.name, p.kind FROM principals p
                        JOIN client_certificates c ON c.principal_id = p.id WHERE c.issuer = ? AND c.serial = ?""")
                .params(issuer, serial)
                .query((rs, row) -> new StoredPrincipal(rs.getString("id"), rs.getString("name"), rs.getString("kind")))
                .optional();
    }

    List<StoredPrincipal> findAll() {
        return jdbc.sql("SELECT id, name, kind FROM principals ORDER BY name")
                .query((rs, row) -> new StoredPrincipal(rs.getString("id"), rs.getString("name"), rs.getString("kind")))
                .list();
    }

    List<RoleBinding> bindings(String principalId) {
        return jdbc.sql("""
                        SELECT b.role, b.project_id, b.seal, p.name AS project FROM role_bindings b
                        LEFT JOIN projects p ON p.id = b.project_id WHERE b.principal_id = ? ORDER BY b.id""")
                .param(principalId)
                .query((rs, row) -> {
                    long stored = rs.getLong("project_id");
                    Long projectId = rs.wasNull() ? null : stored;
                    String role = rs.getString("role");
                    seal.verify(BINDINGS, "role binding " + role + " in project " + rs.getString("project")
                            + " of principal " + principalId, rs.getBytes("seal"), sealed(principalId, role, projectId));
                    return new RoleBinding(Role.valueOf(role), projectId, rs.getString("project"));
                })
                .list();
    }

    boolean hasBinding(String principalId, Role role, Long projectId) {
        return jdbc.sql("SELECT COUNT(*) FROM role_bindings WHERE principal_id = ? AND role = ? AND "
                        + projectCondition(projectId))
                .params(bindingParameters(principalId, role, projectId)).query(Long.class).single() > 0;
    }

    void bind(String principalId, Role role, Long projectId) {
        jdbc.sql("INSERT INTO role_bindings (principal_id, role, project_id, created_at, seal) VALUES (?, ?, ?, ?, ?)")
                .params(principalId, role.name(), projectId, now(),
                        seal.seal(BINDINGS, sealed(principalId, role.name(), projectId)))
                .update();
    }

    @Override
    public String table() {
        return BINDINGS;
    }

    @Override
    public int adoptUnsealed() {
        record Unsealed(long id, String principalId, String role, Long projectId) {
        }
        List<Unsealed> rows = jdbc.sql("SELECT id, principal_id, role, project_id FROM role_bindings WHERE seal IS NULL")
                .query((rs, row) -> {
                    long stored = rs.getLong("project_id");
                    Long projectId = rs.wasNull() ? null : stored;
                    return new Unsealed(rs.getLong("id"), rs.getString("principal_id"), rs.getString("role"), projectId);
                })
                .list();
        rows.forEach(row -> jdbc.sql("UPDATE role_bindings SET seal = ? WHERE id = ?")
                .params(seal.seal(BINDINGS, sealed(row.principalId(), row.role(), row.projectId())), row.id())
                .update());
        return rows.size();
    }

    /** A binding's seal covers who holds which role where. */
    private static List<Object> sealed(String principalId, String role, Long projectId) {
        return Arrays.asList(principalId, role, projectId);
    }

    boolean unbind(String principalId, Role role, Long projectId) {
        return jdbc.sql("DELETE FROM role_bindings WHERE principal_id = ? AND role = ? AND " + projectCondition(projectId))
                .params(bindingParameters(principalId, role, projectId)).update() > 0;
    }

    private static String projectCondition(Long projectId) {
        return projectId == null ? "project_id IS NULL" : "project_id = ?";
    }

    private static List<Object> bindingParameters(String principalId, Role role, Long projectId) {
        return projectId == null ? List.of(principalId, role.name()) : List.of(principalId, role.name(), projectId);
    }

    boolean anyAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM role_bindings WHERE role = 'ADMIN'").query(Long.class).single() > 0;
    }

    boolean certificateKnown(String issuer, String serial) {
        return jdbc.sql("SELECT COUNT(*) FROM client_certificates WHERE issuer = ? AND serial = ?")
                .params(issuer, serial).query(Long.class).single() > 0;
    }

    void addCertificate(String principalId, String issuer, String serial, String subject) {
        jdbc.sql("""
                        INSERT INTO client_certificates (principal_id, issuer, serial, subject, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(principalId, issuer, serial, subject, now()).update();
    }

    List<String> certificates(String principalId) {
        return jdbc.sql("SELECT issuer, serial FROM client_certificates WHERE principal_id = ? ORDER BY id")
                .param(principalId)
                .query((rs, row) -> rs.getString("issuer") + " #" + rs.getString("serial")).list();
    }

    private Object now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** A principal row. */
    record StoredPrincipal(String id, String name, String kind) {
    }
}
