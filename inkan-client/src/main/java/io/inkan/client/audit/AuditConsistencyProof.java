package io.inkan.client.audit;

import java.util.List;

/**
 * The server's proof that the log of {@code from} records is a prefix of the log of {@code to} records
 * ({@code GET /api/v1/audit/proof/consistency}), as RFC 9162 section 2.1.4 defines it. {@link LogConsistency}
 * checks it against two signed checkpoints' roots.
 *
 * @param path hex hashes
 */
public record AuditConsistencyProof(long from, long to, List<String> path) {

    public AuditConsistencyProof {
        path = path == null ? List.of() : List.copyOf(path);
    }

    /** The proof as bytes. @throws IllegalArgumentException if an element is not hex */
    public List<byte[]> hashes() {
        return Hashes.decode(path);
    }
}
