package io.inkan.server.audit;

import io.inkan.client.audit.AuditChain;
import io.inkan.client.audit.AuditCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * Signs checkpoints (L2): inline when an append completes N records since the last one, and on a timer
 * so a quiet trail is signed too. The timer takes the head's lock, so with several nodes each head is
 * signed once.
 */
@Component
class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcClient jdbc;
    private final ChainHeadLock headLock;
    private final AuditKey key;
    private final TransactionTemplate transactions;

    Checkpoints(JdbcClient jdbc, ChainHeadLock headLock, AuditKey key, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.headLock = headLock;
        this.key = key;
        this.transactions = transactions;
    }

    /** Signs the record at {@code head}; the caller holds the head's lock and stores the returned head. */
    ChainHead sign(ChainHead head) {
        String signedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        byte[] signature = key.sign(AuditChain.checkpointContent(head.seq(), head.hash(), signedAt));
        jdbc.sql("INSERT INTO audit_checkpoints (seq, hash, signed_at, algorithm, signature) VALUES (?, ?, ?, ?, ?)")
                .params(head.seq(), head.hash(), signedAt, AuditKey.ALGORITHM.name(),
                        Base64.getEncoder().encodeToString(signature))
                .update();
        return head.checkpointed();
    }

    /** Signs the current head if records arrived since the last checkpoint. */
    @Scheduled(fixedDelayString = "${inkan.audit.checkpoint-interval}", initialDelayString = "${inkan.audit.checkpoint-interval}")
    void signHeadIfNew() {
        try {
            transactions.executeWithoutResult(status -> {
                ChainHead head = headLock.lock();
                if (head.seq() > head.checkpointSeq()) {
                    headLock.store(sign(head));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("could not sign an audit checkpoint", e);
        }
    }

    List<AuditCheckpoint> all() {
        return jdbc.sql("SELECT seq, hash, signed_at, algorithm, signature FROM audit_checkpoints ORDER BY seq")
                .query((rs, row) -> new AuditCheckpoint(rs.getLong("seq"), rs.getString("hash"), rs.getString("signed_at"),
                        rs.getString("algorithm"), rs.getString("signature")))
                .list();
    }
}
