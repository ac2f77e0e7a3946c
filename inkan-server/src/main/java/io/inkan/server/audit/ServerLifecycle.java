package io.inkan.server.audit;

import io.inkan.client.audit.TreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records server start and stop (L1), creates the audit key and the log's name on the very first start and
 * this run's receipt key on every start, and signs a final checkpoint on an orderly stop so a trail ends on a
 * signature. A start that finds records after the newest checkpoint says so loudly and records it: after a
 * crash that is expected, and the tail is signed as a recovery once every record in it proves it came from
 * an Inkan node; anything else is evidence of tampering and is left unsigned for the verifier to name.
 * Start runs before the other start-up work (such as issuing the bootstrap administrator) so that work is
 * recorded after it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerLifecycle implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycle.class);

    private final AuditLog audit;
    private final AuditKey key;
    private final ReceiptKey receiptKey;
    private final Checkpoints checkpoints;
    private final ChainHeadLock headLock;
    private final TransactionTemplate transactions;

    ServerLifecycle(AuditLog audit, AuditKey key, ReceiptKey receiptKey, Checkpoints checkpoints, ChainHeadLock headLock,
                    TransactionTemplate transactions) {
        this.audit = audit;
        this.key = key;
        this.receiptKey = receiptKey;
        this.checkpoints = checkpoints;
        this.headLock = headLock;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        ChainHead head = transactions.execute(status -> {
            ChainHead locked = headLock.lock();
            key.ensure();
            receiptKey.ensure();
            return locked;
        });
        audit.record(AuditLog.SYSTEM, AuditAction.SERVER_START, Outcome.SUCCESS, null, "server started, pid " + ProcessHandle.current().pid());
        if (head.seq() > head.checkpointSeq()) {
            recoverTail(head);
        }
    }

    private void recoverTail(ChainHead head) {
        String stretch = "records " + (head.checkpointSeq() + 1) + " to " + head.seq();
        LOG.warn("AUDIT: {} were found after the newest checkpoint at start-up: a server did not stop in order, or"
                + " records were written behind its back; signing them as a recovery if each carries a valid promise", stretch);
        audit.record(AuditLog.SYSTEM, AuditAction.AUDIT_UNSIGNED_TAIL, Outcome.FAILED, null, stretch
                + " were found after the newest checkpoint at start-up");
        checkpoints.signHeadIfNew(TreeHead.Kind.RECOVERY);
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() {
        try {
            audit.record(AuditLog.SYSTEM, AuditAction.SERVER_STOP, Outcome.SUCCESS, null, "server stopping, pid " + ProcessHandle.current().pid());
            checkpoints.signHeadIfNew(TreeHead.Kind.STOP);
        } catch (RuntimeException e) {
            LOG.error("could not record the server stop", e);
        }
    }
}
