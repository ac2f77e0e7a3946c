package io.inkan.server.audit;

import io.inkan.server.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/** Tamper detection on PostgreSQL. */
class PostgresAuditTamperTest extends AuditTamperContract {

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
