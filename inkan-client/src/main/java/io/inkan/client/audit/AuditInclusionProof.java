package io.inkan.client.audit;

import java.util.List;

/**
 * The server's proof that record {@code record} is in the log's Merkle tree of {@code size} records
 * ({@code GET /api/v1/audit/proof/inclusion}): the record's hash as the log holds it now and the audit
 * path, leaf side first. It proves nothing on its own; {@link ReceiptProof} checks it against a signed
 * checkpoint's root.
 *
 * @param record     the record's {@code seq} (leaf index {@code record - 1})
 * @param recordHash the record's hash (hex), the data of its leaf
 * @param path       hex hashes, leaf side first
 */
public record AuditInclusionProof(long record, long size, String recordHash, List<String> path) {

    public AuditInclusionProof {
        path = path == null ? List.of() : List.copyOf(path);
    }

    /** The path as bytes. @throws IllegalArgumentException if an element is not hex */
    public List<byte[]> hashes() {
        return Hashes.decode(path);
    }
}
