package io.inkan.server.testkit;

import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.TestServer;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * One throw-away PostgreSQL database and one software-token master key for several server nodes, as a
 * cluster shares them: every node started here can open the keys any other node generated.
 */
public final class SharedDatabase implements AutoCloseable {

    private final PostgresDatabase database;
    private final Map<String, String> properties;

    private SharedDatabase(PostgresDatabase database, Map<String, String> properties) {
        this.database = database;
        this.properties = Map.copyOf(properties);
    }

    public static SharedDatabase create() {
        return create(Map.of());
    }

    /** A new database; {@code extraProperties} apply to every node started on it. */
    public static SharedDatabase create(Map<String, String> extraProperties) {
        PostgresDatabase database = PostgresDatabase.create();
        Map<String, String> properties = new HashMap<>(database.properties());
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        properties.put("inkan.software-token.master-key", Base64.getEncoder().encodeToString(masterKey));
        properties.putAll(extraProperties);
        return new SharedDatabase(database, properties);
    }

    /** Starts (or restarts) a node with its own data directory on this database. */
    public TestServer startNode(Path dataDir) {
        return startNode(dataDir, null);
    }

    /** As {@link #startNode(Path)}, reading the time of day from {@code clock} (the system's if null). */
    public TestServer startNode(Path dataDir, Clock clock) {
        return TestServer.start(dataDir, properties, clock);
    }

    /** What every node gets: the database, the master key and the extra properties. */
    public Map<String, String> properties() {
        return properties;
    }

    public PostgresDatabase database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }
}
