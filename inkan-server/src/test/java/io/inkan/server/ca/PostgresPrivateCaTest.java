package io.inkan.server.ca;

import io.inkan.server.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/** The private CA end to end with PostgreSQL as the database (row locks, identity keys, BYTEA chains). */
class PostgresPrivateCaTest extends PrivateCaTest {

    private PostgresDatabase database;

    @Override
    Map<String, String> databaseProperties() {
        database = PostgresDatabase.create();
        return database.properties();
    }

    @AfterAll
    void dropDatabase() {
        stop(); // records the server's stop while its database still exists
        if (database != null) {
            database.close();
        }
    }
}
