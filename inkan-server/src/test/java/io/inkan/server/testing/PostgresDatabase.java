package io.inkan.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throw-away database on the local PostgreSQL (127.0.0.1:5432, trust authentication). Starts the
 * cluster when it is down, as on a freshly booted CI machine; fails under CI, and skips locally, when
 * PostgreSQL is not installed at all.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = "postgres";

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    public static PostgresDatabase create() {
        ensureRunning();
        String name = "inkan_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return new PostgresDatabase(name);
    }

    /** Server properties pointing Inkan at this database. */
    public Map<String, String> properties() {
        return Map.of("spring.datasource.url", jdbcUrl(), "spring.datasource.username", USER,
                "spring.datasource.password", "");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private static synchronized void ensureRunning() {
        if (reachable()) {
            return;
        }
        ExternalTools.require("pg_ctlcluster");
        for (String version : installedVersions()) {
            ExternalTools.run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"));
        }
        for (int attempt = 0; attempt < 50 && !reachable(); attempt++) {
            sleep();
        }
        if (!reachable()) {
            throw new AssertionError("PostgreSQL did not start on 127.0.0.1:5432");
        }
    }

    private static List<String> installedVersions() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new AssertionError("PostgreSQL is installed but has no cluster under /etc/postgresql", e);
        }
    }

    private static boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL, USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
