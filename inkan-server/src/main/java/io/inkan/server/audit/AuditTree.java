package io.inkan.server.audit;

import io.inkan.client.audit.CompactRange;
import io.inkan.client.audit.MerkleTree;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Merkle tree over the trail (decision 016), kept in the database as the roots of its complete subtrees
 * ({@code audit_tree}); leaves are hashed from each record's chain hash. A checkpoint {@link #extend}s it under
 * the chain head's lock, from the size of the previous signed tree head to its own, so appends never pay
 * for it; proofs then read O(log n) stored roots. Every leaf of a proof is read from {@code audit_records},
 * never from the tree table, so a deleted or rewritten record cannot be proven by leftover nodes.
 */
@Component
class AuditTree {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    AuditTree(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The leaf of a record: {@code H(0x00 || its 32-byte chain hash)}. */
    static byte[] leaf(String recordHash) {
        return MerkleTree.leafHash(HexFormat.of().parseHex(recordHash));
    }

    /**
     * Grows the stored tree from {@code fromSize} leaves (the newest signed tree head's size) to records up to
     * {@code toSize}, whose last record, not yet inserted, has {@code lastHash}; answers the new root. The
     * caller holds the chain head's lock, in the transaction that stores the checkpoint.
     *
     * @throws AuditLogDamaged when the stored subtrees do not fit {@code fromSize}: a checkpoint or
     *                               tree nodes were deleted or written behind the server's back
     */
    byte[] extend(long fromSize, long toSize, String lastHash, PromiseCheck promises) {
        CompactRange range = frontier(fromSize);
        List<CompactRange.Node> finished = new ArrayList<>();
        long[] next = {fromSize + 1};
        jdbc.sql("SELECT seq, hash, promise FROM audit_records WHERE seq > ? AND seq < ? ORDER BY seq")
                .params(fromSize, toSize)
                .query(rs -> {
                    long seq = rs.getLong("seq");
                    if (seq != next[0]) {
                        throw new AuditLogDamaged("audit record " + next[0] + " is missing: the tree cannot grow over a gap");
                    }
                    String hash = rs.getString("hash");
                    if (!promises.promised(seq, hash, rs.getString("promise"))) {
                        throw new AuditLogDamaged("audit record " + seq + " has no valid promise of inclusion: it was"
                                + " written behind the server's back, and no checkpoint is signed over it");
                    }
                    next[0]++;
                    finished.addAll(range.append(leaf(hash)));
                });
        if (next[0] != toSize) {
            throw new AuditLogDamaged("audit records " + next[0] + " to " + (toSize - 1) + " are missing");
        }
        finished.addAll(range.append(leaf(lastHash)));
        try {
            batch.batchUpdate("INSERT INTO audit_tree (level, idx, hash) VALUES (?, ?, ?)", finished, 512,
                    (statement, node) -> {
                        statement.setInt(1, node.level());
                        statement.setLong(2, node.index());
                        statement.setBytes(3, node.hash());
                    });
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new AuditLogDamaged("the audit tree already has nodes beyond its newest checkpoint ("
                    + fromSize + " records): a checkpoint was deleted", e);
        }
        return range.root();
    }

    /** Judges whether a record not yet covered by a checkpoint was written by an Inkan node. */
    @FunctionalInterface
    interface PromiseCheck {
        boolean promised(long seq, String hash, String promise);
    }

    /** The root of the first {@code size} records as the stored subtrees and records give it. */
    byte[] root(long size) {
        return MerkleTree.root(0, size, this::subtree);
    }

    /** The audit path of record {@code seq} in the tree of {@code size} records. */
    List<byte[]> inclusionProof(long seq, long size) {
        return MerkleTree.inclusionProof(seq - 1, size, this::subtree);
    }

    List<byte[]> consistencyProof(long fromSize, long toSize) {
        return MerkleTree.consistencyProof(fromSize, toSize, this::subtree);
    }

    /** The chain hash of record {@code seq}, if it is stored. */
    Optional<String> recordHash(long seq) {
        return jdbc.sql("SELECT hash FROM audit_records WHERE seq = ?").param(seq).query(String.class).optional();
    }

    /** The right edge of the first {@code size} leaves, from the stored roots of its complete subtrees. */
    private CompactRange frontier(long size) {
        List<byte[]> roots = new ArrayList<>();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            long width = 1L << level;
            if ((size & width) != 0) {
                roots.add(subtree(start, start + width));
                start += width;
            }
        }
        return new CompactRange(size, roots);
    }

    /** The root of a complete, aligned subtree: a leaf from its record, anything larger from the tree table. */
    private byte[] subtree(long start, long end) {
        long width = end - start;
        if (width == 1) {
            return leaf(recordHash(start + 1).orElseThrow(() -> new AuditLogDamaged(
                    "audit record " + (start + 1) + " is missing")));
        }
        int level = Long.numberOfTrailingZeros(width);
        return jdbc.sql("SELECT hash FROM audit_tree WHERE level = ? AND idx = ?")
                .params(level, start >> level)
                .query(byte[].class).optional()
                .orElseThrow(() -> new AuditLogDamaged("the audit tree has no node for records " + (start + 1)
                        + " to " + end + ": it was deleted, or no checkpoint covers them yet"));
    }
}
