package io.inkan.server.audit;

import io.inkan.client.audit.AuditExport;
import io.inkan.client.audit.AuditHead;
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

/**
 * Verifies the stored trail (L3) with the same {@link AuditVerifier} the CLI uses offline, and writes
 * complete exports that verifier accepts. Head, checkpoints and records are read in one snapshot so
 * appends that happen meanwhile do not look like tampering.
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

    AuditVerification verify() {
        return snapshot.execute(status -> {
            ChainHead head = ChainHead.read(jdbc);
            AuditVerifier verifier = new AuditVerifier(checkpoints.all(), publicKey(), new AuditHead(head.seq(), head.hash()));
            store.forEach(AuditQuery.everything(), verifier::accept);
            return verifier.finish();
        });
    }

    /** Head, checkpoints, then every record: what {@code inkan audit verify --export} checks offline. */
    void exportComplete(Writer out) {
        snapshot.executeWithoutResult(status -> {
            ChainHead head = ChainHead.read(jdbc);
            line(out, AuditExport.headLine(new AuditHead(head.seq(), head.hash())));
            checkpoints.all().forEach(checkpoint -> line(out, AuditExport.checkpointLine(checkpoint)));
            store.forEach(AuditQuery.everything(), entry -> line(out, AuditExport.recordLine(entry)));
        });
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
