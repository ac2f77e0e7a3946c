package io.inkan.server.audit;

import io.inkan.client.audit.AuditCheckpoint;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditExport;
import io.inkan.client.audit.AuditHead;
import io.inkan.client.audit.AuditPipeline;
import io.inkan.client.audit.AuditVerification;
import io.inkan.client.audit.AuditVerifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.PublicKey;
import java.util.List;

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
    private final TransactionTemplate snapshot;

    TrailVerifier(JdbcClient jdbc, AuditStore store, Checkpoints checkpoints, AuditKey key,
                  PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.store = store;
        this.checkpoints = checkpoints;
        this.key = key;
        this.snapshot = new TransactionTemplate(transactionManager);
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
            AuditVerifier verifier = new AuditVerifier(checkpointsUpTo(head.seq()), publicKey(),
                    new AuditHead(head.seq(), head.hash()));
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

    /** Head, checkpoints, then every record up to the head: what {@code inkan audit verify --export} checks offline. */
    void exportComplete(Writer out) {
        snapshot.executeWithoutResult(status -> {
            ChainHead head = ChainHead.read(jdbc);
            line(out, AuditExport.headLine(new AuditHead(head.seq(), head.hash())));
            checkpointsUpTo(head.seq()).forEach(checkpoint -> line(out, AuditExport.checkpointLine(checkpoint)));
            store.forEachUpTo(head.seq(), entry -> line(out, AuditExport.recordLine(entry)));
        });
    }

    /** Checkpoints a concurrent append may have added beyond the head read are left out with its records. */
    private List<AuditCheckpoint> checkpointsUpTo(long seq) {
        return checkpoints.all().stream().filter(checkpoint -> checkpoint.seq() <= seq).toList();
    }

    PublicKey publicKey() {
        PublicKey publicKey = key.publicKey();
        if (publicKey == null) {
            throw new IllegalStateException("the audit key has not been generated yet");
        }
        return publicKey;
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
