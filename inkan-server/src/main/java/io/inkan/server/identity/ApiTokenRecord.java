package io.inkan.server.identity;

import java.time.Instant;
import java.util.List;

/** A stored API token: its one role binding and whether it still may use it. */
record ApiTokenRecord(String id, String name, byte[] secretHash, Role role, Long projectId, String project,
                      Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    InkanPrincipal principal() {
        return new InkanPrincipal(id, name, "token", List.of(new RoleBinding(role, projectId, project)));
    }
}
