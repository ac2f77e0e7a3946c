package io.inkan.server.audit;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * scripts/postgres-audit-grants.sql on a real PostgreSQL: after it, the application role runs the server
 * (appending records, signing checkpoints) but cannot update, delete or truncate the trail.
 */
class PostgresAuditGrantsTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "postgres-audit-grants.sql");

    @Test
    void theApplicationRoleAppendsButCannotChangeTheTrail(@TempDir Path owner) throws Exception {
        String role = "inkan_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        PostgresDatabase database = PostgresDatabase.create();
        try {
            TestServer.start(owner, database.properties()).close();
            admin("CREATE ROLE " + role + " LOGIN");
            ExternalTools.Result grants = ExternalTools.run(List.of(ExternalTools.require("psql").toString(),
                    "-X", "-v", "ON_ERROR_STOP=1", "-v", "app_role=" + role, "-h", "127.0.0.1", "-U", "postgres",
                    "-d", database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1),
                    "-f", SCRIPT.toString()));
            assertThat(grants.exitCode()).as(grants.output()).isZero();

            Map<String, String> asApp = new HashMap<>(database.properties());
            asApp.put("spring.datasource.username", role);
            try (TestServer server = TestServer.start(owner, asApp)) {
                Provisioning.expect(new ApiCaller(server, server.adminToken()).post("/api/v1/projects",
                        Map.of("name", "granted")), 201);
            }

            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), role, "");
                 Statement statement = connection.createStatement()) {
                assertThat(count(statement)).isGreaterThanOrEqualTo(4);
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_records SET detail = 'x' WHERE seq = 1"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_records WHERE seq = 1"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE audit_records"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_checkpoints"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.executeUpdate("UPDATE tsa_key SET handle = 'x'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
        } finally {
            database.close();
            admin("DROP ROLE IF EXISTS " + role);
        }
    }

    private static long count(Statement statement) throws SQLException {
        try (var rs = statement.executeQuery("SELECT count(*) FROM audit_records")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
