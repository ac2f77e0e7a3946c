package io.inkan.server.audit;

import io.inkan.client.audit.AuditChain;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.TreeHead;
import io.inkan.server.testing.TestServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Grows a live server's trail by many records at once, for benchmarks: each record chained, promised by the
 * node's receipt key and inserted in batches, with a checkpoint (a signed tree head, the tree grown) every
 * {@code every} records, exactly as a long-running server would have left them.
 */
public final class BulkTrail {

    private BulkTrail() {
    }

    /**
     * Appends {@code count} records that {@code make} builds from their position and the hash before them,
     * signing a checkpoint after every {@code every}; answers the new head's position.
     */
    public static long grow(TestServer server, long count, int every, BiFunction<Long, String, AuditEntry> make) {
        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        TransactionTemplate transactions = server.bean(TransactionTemplate.class);
        ChainHeadLock headLock = server.bean(ChainHeadLock.class);
        Checkpoints checkpoints = server.bean(Checkpoints.class);
        ReceiptKey receiptKey = server.bean(ReceiptKey.class);
        ChainHead start = transactions.execute(status -> {
            ChainHead head = headLock.lock();
            return head.seq() > head.checkpointSeq() ? checkpoints.sign(head, TreeHead.Kind.TIMER) : head;
        });
        long seq = start.seq();
        String previous = start.hash().trim();
        List<Object[]> rows = new ArrayList<>(every);
        for (long i = 0; i < count; i++) {
            AuditEntry entry = AuditChain.seal(make.apply(++seq, previous));
            previous = entry.hash();
            receiptKey.written(entry);
            rows.add(new Object[]{entry.seq(), Instant.parse(entry.time()).atOffset(ZoneOffset.UTC), entry.principal(),
                    entry.source(), entry.action(), entry.outcome(), entry.project(), entry.detail(), entry.data(),
                    entry.prevHash(), entry.hash(), receiptKey.promise(entry, Instant.parse(entry.time()))});
            if (rows.size() == every || i == count - 1) {
                long last = seq;
                String lastHash = previous;
                transactions.executeWithoutResult(status -> {
                    ChainHead head = headLock.lock();
                    jdbc.batchUpdate("INSERT INTO audit_records (seq, occurred_at, principal, source, action, outcome,"
                            + " project, detail, data, prev_hash, hash, promise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                    ChainHead next = new ChainHead(last, lastHash, head.checkpointSeq(), head.configGeneration());
                    headLock.store(checkpoints.sign(next, TreeHead.Kind.COUNT));
                });
                rows.clear();
            }
        }
        return seq;
    }

    /** Mean server-side times of inclusion and consistency proofs against the newest checkpoint. */
    public record ProofTimes(long size, int count, double inclusionMillis, double consistencyMillis) {
    }

    /** Times {@code count} inclusion proofs of random records and consistency proofs from random earlier checkpoints. */
    public static ProofTimes timeProofs(TestServer server, int count) {
        AuditTree tree = server.bean(AuditTree.class);
        long size = server.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT MAX(seq) FROM audit_checkpoints WHERE note IS NOT NULL").query(Long.class).single();
        List<Long> sizes = server.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT seq FROM audit_checkpoints WHERE note IS NOT NULL").query(Long.class).list();
        java.util.SplittableRandom random = new java.util.SplittableRandom(16);
        for (int i = 0; i < count; i++) {
            tree.inclusionProof(1 + random.nextLong(size), size);
            tree.consistencyProof(sizes.get(random.nextInt(sizes.size())), size);
        }
        long inclusion = 0;
        long consistency = 0;
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            tree.inclusionProof(1 + random.nextLong(size), size);
            long between = System.nanoTime();
            tree.consistencyProof(sizes.get(random.nextInt(sizes.size())), size);
            consistency += System.nanoTime() - between;
            inclusion += between - started;
        }
        return new ProofTimes(size, count, inclusion / 1e6 / count, consistency / 1e6 / count);
    }
}
