package io.inkan.server.audit;

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
 * Records server start and stop (L1), creates the audit key on the very first start, and signs a final
 * checkpoint on an orderly stop so a trail ends on a signature. Start runs before the other start-up
 * work (such as issuing the bootstrap administrator) so that work is recorded after it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerLifecycle implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycle.class);
    private static final String SYSTEM = "system";

    private final AuditLog audit;
    private final AuditKey key;
    private final Checkpoints checkpoints;
    private final ChainHeadLock headLock;
    private final TransactionTemplate transactions;

    ServerLifecycle(AuditLog audit, AuditKey key, Checkpoints checkpoints, ChainHeadLock headLock,
                    TransactionTemplate transactions) {
        this.audit = audit;
        this.key = key;
        this.checkpoints = checkpoints;
        this.headLock = headLock;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            headLock.lock();
            key.ensure();
        });
        audit.record(SYSTEM, Actions.SERVER_START, Outcome.SUCCESS, null, "server started, pid " + ProcessHandle.current().pid());
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() {
        try {
            audit.record(SYSTEM, Actions.SERVER_STOP, Outcome.SUCCESS, null, "server stopping, pid " + ProcessHandle.current().pid());
            checkpoints.signHeadIfNew();
        } catch (RuntimeException e) {
            LOG.error("could not record the server stop", e);
        }
    }
}
