package io.inkan.server.audit;

import java.util.Map;

/** Tamper detection on the embedded H2 database. */
class H2AuditTamperTest extends AuditTamperContract {

    @Override
    Map<String, String> databaseProperties() {
        return Map.of();
    }
}
