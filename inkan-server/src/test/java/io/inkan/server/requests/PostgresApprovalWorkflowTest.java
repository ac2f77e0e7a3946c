package io.inkan.server.requests;

import io.inkan.server.testing.PostgresDatabase;
import java.util.Map;

/** The same workflow on PostgreSQL (O2): row locks, conditional updates and the outbox behave alike. */
class PostgresApprovalWorkflowTest extends ApprovalWorkflowTest {

    private PostgresDatabase postgres;

    @Override
    Map<String, String> database() {
        postgres = PostgresDatabase.create();
        return postgres.properties();
    }

    @Override
    void afterServer() {
        postgres.close();
    }
}
