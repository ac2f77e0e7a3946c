package io.inkan.server.audit;

import io.inkan.client.audit.AuditCheckpoint;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditEvidence;
import io.inkan.client.audit.AuditExport;
import io.inkan.client.audit.AuditHead;
import io.inkan.client.audit.AuditPipeline;
import io.inkan.client.audit.AuditVerification;
import io.inkan.client.audit.AuditVerifier;
import io.inkan.server.InkanProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.PublicKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the stored trail (L3) with the same {@link AuditVerifier} the CLI uses offline, and writes
 * complete exports that verifier accepts. Both stop at the chain head read first, so appends that
 * happen meanwhile (which H2's isolation levels would let through) do not look like tampering.
 */
@Component
class TrailVerifier {

    private final JdbcClient jdbc;
    private final AuditStore store;
    private final Checkpoints checkpoints;
    private final AuditKey key;
    private final ReceiptKey receiptKey;
    private final AuditEvidence.Cadence cadence;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    TrailVerifier(JdbcClient jdbc, AuditStore store, Checkpoints checkpoints, AuditKey key, ReceiptKey receiptKey,
                  InkanProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.checkpoints = checkpoints;
        this.key = key;
        this.receiptKey = receiptKey;
        this.cadence = new AuditEvidence.Cadence(Math.max(1, properties.audit().checkpointEvery()),
                Math.max(1, properties.audit().checkpointInterval().toSeconds()));
        this.snapshot = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    /**
     * Verifies every record up to the chain head read at the start. Records appended meanwhile are
     * left for the next run; records stored beyond the newest head (which every append moves in the
     * same transaction) cannot come from the server and are reported as inserted.
     */
    AuditVerification verify() {
        AuditVerification verdict = snapshot.execute(status -> {
            ChainHead head = ChainHead.read(jdbc);
            AuditVerifier verifier = new AuditVerifier(evidence(head).asOf(clock.instant())
                    .withWitness(checkpoints.lastSignedHere().orElse(null)));
            try (AuditPipeline<AuditEntry> pipeline = new AuditPipeline<>(verifier, entry -> entry)) {
                store.forEachUpTo(head.seq(), pipeline::add);
                return pipeline.finish();
            }
        });
        long highest = store.highestSeq();
        ChainHead live = ChainHead.read(jdbc);
        if (verdict.intact() && highest > live.seq()) {
            return new AuditVerification(false, verdict.records(), verdict.lastSeq(), verdict.lastCheckpointSeq(), 0,
                    AuditVerification.Problem.INSERTED, live.seq() + 1, "records " + (live.seq() + 1) + " to " + highest
                    + " were stored behind the chain head, which no append of the server does");
        }
        return verdict;
    }

    /**
     * Head, checkpoints, receipt keys, the promises of records no checkpoint covers, then every record up to
     * the head: what {@code inkan audit verify --export} checks offline.
     */
    void exportComplete(Writer out) {
        snapshot.executeWithoutResult(status -> {
            ChainHead head = ChainHead.read(jdbc);
            AuditEvidence evidence = evidence(head);
            line(out, AuditExport.headLine(new AuditHead(head.seq(), head.hash())));
            line(out, AuditExport.cadenceLine(cadence));
            evidence.checkpoints().forEach(checkpoint -> line(out, AuditExport.checkpointLine(checkpoint)));
            evidence.receiptKeyStatements().forEach(statement -> line(out, AuditExport.receiptKeyLine(statement)));
            evidence.promises().forEach((seq, promise) -> line(out, AuditExport.promiseLine(seq, promise)));
            store.forEachUpTo(head.seq(), entry -> line(out, AuditExport.recordLine(entry)));
        });
    }

    /** What the records up to {@code head} are judged against; promises only where no checkpoint or cadence covers. */
    private AuditEvidence evidence(ChainHead head) {
        List<AuditCheckpoint> upToHead = checkpointsUpTo(head.seq());
        long covered = upToHead.isEmpty() ? 0 : upToHead.get(upToHead.size() - 1).seq();
        long from = Math.max(covered, head.seq() - cadence.records());
        Map<Long, String> promises = new HashMap<>();
        jdbc.sql("SELECT seq, promise FROM audit_records WHERE seq > ? AND seq <= ? AND promise IS NOT NULL")
                .params(from, head.seq())
                .query(rs -> {
                    promises.put(rs.getLong("seq"), rs.getString("promise"));
                });
        List<PublicKey> legacy = key.published().stream().map(AuditKey.PublishedKey::publicKey).toList();
        return new AuditEvidence(upToHead, key.noteKeys(), legacy, receiptKey.statements(), promises,
                new AuditHead(head.seq(), head.hash()), null, null, cadence);
    }

    /** Checkpoints a concurrent append may have added beyond the head read are left out with its records. */
    private List<AuditCheckpoint> checkpointsUpTo(long seq) {
        return checkpoints.all().stream().filter(checkpoint -> checkpoint.seq() <= seq).toList();
    }

    /** The current audit key's public half, for the PEM download. */
    PublicKey publicKey() {
        return key.current().publicKey();
    }

    private static void line(Writer out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
