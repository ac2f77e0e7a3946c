package io.inkan.server.signing;

import io.inkan.server.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/** The software-token round trips with PostgreSQL as the database instead of the embedded H2. */
class PostgresRoundTripTest extends HashSigningRoundTripContract {

    private PostgresDatabase database;

    @Override
    String tokenName() {
        return "software";
    }

    @Override
    Map<String, String> tokenProperties() {
        database = PostgresDatabase.create();
        return database.properties();
    }

    @AfterAll
    void dropDatabase() {
        stopServer(); // records the server's stop while its database still exists
        if (database != null) {
            database.close();
        }
    }
}
