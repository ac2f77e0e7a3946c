package io.inkan.server.identity;

import java.time.Instant;

/** A stored API token: what it may do and whether it still may. */
record ApiTokenRecord(String id, String name, byte[] secretHash, Role role, Long projectId, String project,
                      Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    InkanPrincipal principal() {
        return new InkanPrincipal(id, name, role, projectId, project);
    }
}
