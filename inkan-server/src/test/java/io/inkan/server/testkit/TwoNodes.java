package io.inkan.server.testkit;

import io.inkan.server.testing.TestServer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Two server nodes on one {@link SharedDatabase}, for the guarantees that must hold across a cluster
 * (a SAD used once, jobs run once, configuration changes seen at once). Closing stops both nodes, then
 * drops the database.
 */
public final class TwoNodes implements AutoCloseable {

    private final SharedDatabase database;
    private final TestServer a;
    private final TestServer b;

    private TwoNodes(SharedDatabase database, TestServer a, TestServer b) {
        this.database = database;
        this.a = a;
        this.b = b;
    }

    public static TwoNodes start(Path first, Path second) {
        return start(first, second, Map.of());
    }

    /** Starts node A on {@code first}, then node B on {@code second}; {@code extraProperties} apply to both. */
    public static TwoNodes start(Path first, Path second, Map<String, String> extraProperties) {
        return start(first, second, extraProperties, null);
    }

    /** As {@link #start(Path, Path, Map)}, both nodes reading the time of day from {@code clock} (if not null). */
    public static TwoNodes start(Path first, Path second, Map<String, String> extraProperties, Clock clock) {
        SharedDatabase database = SharedDatabase.create(extraProperties);
        TestServer a = null;
        try {
            a = database.startNode(first, clock);
            return new TwoNodes(database, a, database.startNode(second, clock));
        } catch (RuntimeException e) {
            if (a != null) {
                a.close();
            }
            database.close();
            throw e;
        }
    }

    public TestServer a() {
        return a;
    }

    public TestServer b() {
        return b;
    }

    public SharedDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try (SharedDatabase ignored = database; TestServer first = a; TestServer second = b) {
            // try-with-resources closes B, then A, then the database, even when one of them fails.
        }
    }
}
