package io.inkan.server.audit;

import io.inkan.client.audit.TreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands every committed checkpoint to witnesses outside the database (decision 016): the log output (one
 * INFO line, whatever collects the server's logs keeps it) and the live-copy file a SIEM agent tails; each
 * checkpoint also goes to every webhook that opted in ({@code audit.checkpoint}). An attacker who rewrites or truncates the database afterwards cannot reach those copies, and
 * {@code inkan audit verify --since} proves the log consistent with any one of them.
 */
@Component
class CheckpointWitnesses {

    private static final Logger LOG = LoggerFactory.getLogger("io.inkan.audit.checkpoints");

    private final LiveCopy liveCopy;
    private final ApplicationEventPublisher events;

    CheckpointWitnesses(LiveCopy liveCopy, ApplicationEventPublisher events) {
        this.liveCopy = liveCopy;
        this.events = events;
    }

    /**
     * Queues the checkpoint for opted-in webhooks in the current transaction ({@link CheckpointSigned}) and
     * writes the log line and the live copy once it commits, so no witness sees one that rolled back.
     */
    void afterCommit(TreeHead treeHead, String note) {
        events.publishEvent(new CheckpointSigned(treeHead.size(), treeHead.rootHex(), note));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                LOG.info("audit checkpoint size={} root={} note={}", treeHead.size(), treeHead.rootHex(),
                        note.replace("\n", "\\n"));
                liveCopy.writeCheckpoint(treeHead.size(), note);
            }
        });
    }
}
