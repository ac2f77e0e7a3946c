package io.inkan.server.audit;

import io.inkan.client.audit.AuditCheckpoint;
import io.inkan.client.audit.NoteKey;
import io.inkan.client.audit.SignedNote;
import io.inkan.client.audit.TreeHead;
import io.inkan.server.InkanProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signs checkpoints (L2): signed tree heads over the Merkle tree of the trail (decision 016), inline when
 * an append completes {@code checkpoint-every} records since the last one, on a timer so a quiet trail is
 * signed too, on an orderly stop, and at a start that finds an unsigned tail. The timer takes the head's
 * lock, so with several nodes each head is signed once.
 *
 * <p>Before it signs, the node checks that the log only grew: the newest checkpoint in the database must be
 * signed by an audit key and match the stored tree, and the tree head this node signed last (kept in memory,
 * out of the database's reach) must still be a prefix of it. A database rewritten behind the server's back
 * is refused a fresh signature, so its forgery cannot be laundered. Each checkpoint is also handed to the
 * {@link CheckpointWitnesses}, so copies live outside the database.
 */
@Component
class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final JdbcClient jdbc;
    private final ChainHeadLock headLock;
    private final AuditKey key;
    private final AuditTree tree;
    private final TransactionTemplate transactions;
    private final CheckpointWitnesses witnesses;
    private final ReceiptKey receiptKey;
    private final long cadenceRecords;
    private final long cadenceSeconds;
    private final Clock clock;
    /** The tree head this node signed last, the node's own anchor outside the database. */
    private volatile TreeHead lastSigned;

    Checkpoints(JdbcClient jdbc, ChainHeadLock headLock, AuditKey key, AuditTree tree, TransactionTemplate transactions,
                CheckpointWitnesses witnesses, ReceiptKey receiptKey, InkanProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.headLock = headLock;
        this.key = key;
        this.tree = tree;
        this.transactions = transactions;
        this.witnesses = witnesses;
        this.receiptKey = receiptKey;
        this.cadenceRecords = Math.max(1, properties.audit().checkpointEvery());
        this.cadenceSeconds = Math.max(1, properties.audit().checkpointInterval().toSeconds());
        this.clock = clock;
    }

    /** Signs the tree up to {@code head}; the caller holds the head's lock and stores the returned head. */
    ChainHead sign(ChainHead head, TreeHead.Kind kind) {
        Optional<TreeHead> previous = newest();
        long fromSize = previous.map(TreeHead::size).orElse(0L);
        requireGrownFrom(previous);
        List<List<NoteKey>> vouched = new java.util.ArrayList<>(1);
        java.util.function.Supplier<List<NoteKey>> vouchedOnce = () -> {
            if (vouched.isEmpty()) {
                vouched.add(receiptKey.vouchedKeys(key.noteKeys()));
            }
            return vouched.get(0);
        };
        byte[] root = tree.extend(fromSize, head.seq(), head.hash(),
                (seq, hash, promise) -> receiptKey.promised(seq, hash, promise, vouchedOnce));
        TreeHead treeHead = new TreeHead(key.originName(), head.seq(), root,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), head.hash(), cadenceRecords, cadenceSeconds, kind);
        SignedNote note = key.signNote(treeHead.text());
        jdbc.sql("INSERT INTO audit_checkpoints (seq, hash, signed_at, algorithm, signature, note) VALUES (?, ?, ?, ?, ?, ?)")
                .params(head.seq(), head.hash(), treeHead.time().toString(), AuditKey.ALGORITHM.name(),
                        Base64.getEncoder().encodeToString(note.signatures().get(0).signature()), note.format())
                .update();
        lastSigned = treeHead;
        witnesses.afterCommit(treeHead, note.format());
        return head.checkpointed();
    }

    /** Signs the current head if records arrived since the last checkpoint. */
    @Scheduled(fixedDelayString = "${inkan.audit.checkpoint-interval}", initialDelayString = "${inkan.audit.checkpoint-interval}")
    void signHeadIfNew() {
        signHeadIfNew(TreeHead.Kind.TIMER);
    }

    /** Signs the current head with {@code kind} if records arrived since the last checkpoint. */
    void signHeadIfNew(TreeHead.Kind kind) {
        try {
            transactions.executeWithoutResult(status -> {
                ChainHead head = headLock.lock();
                if (head.seq() > head.checkpointSeq()) {
                    headLock.store(sign(head, kind));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("could not sign an audit checkpoint: {}", e.getMessage(), e);
        }
    }

    List<AuditCheckpoint> all() {
        return jdbc.sql("SELECT seq, hash, signed_at, algorithm, signature, note FROM audit_checkpoints ORDER BY seq")
                .query((rs, row) -> new AuditCheckpoint(rs.getLong("seq"), rs.getString("hash"), rs.getString("signed_at"),
                        rs.getString("algorithm"), rs.getString("signature"), rs.getString("note")))
                .list();
    }

    /** The signed note of the checkpoint of {@code size} records, or of the newest one. */
    Optional<String> note(Long size) {
        return size == null
                ? jdbc.sql("SELECT note FROM audit_checkpoints WHERE note IS NOT NULL ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
                        .query(String.class).optional()
                : jdbc.sql("SELECT note FROM audit_checkpoints WHERE seq = ? AND note IS NOT NULL").param(size)
                        .query(String.class).optional();
    }

    /** The tree head this node signed last, if it signed one since it started. */
    Optional<TreeHead> lastSignedHere() {
        return Optional.ofNullable(lastSigned);
    }

    private Optional<TreeHead> newest() {
        return note(null).map(note -> {
            SignedNote signed = SignedNote.parse(note);
            List<NoteKey> keys = key.noteKeys();
            if (keys.stream().noneMatch(candidate -> candidate.verifies(signed))) {
                throw new AuditLogDamaged("the newest audit checkpoint in the database is not signed by an audit key:"
                        + " it was forged; no checkpoint is signed over it");
            }
            return TreeHead.parse(signed.text());
        });
    }

    /** Refuses to sign over a tree that is not a growth of the newest checkpoint and of this node's last one. */
    private void requireGrownFrom(Optional<TreeHead> previous) {
        previous.ifPresent(newest -> requireStored(newest, "the newest checkpoint in the database"));
        TreeHead mine = lastSigned;
        if (mine == null) {
            return;
        }
        long newestSize = previous.map(TreeHead::size).orElse(0L);
        if (mine.size() > newestSize) {
            throw new AuditLogDamaged("the checkpoint of " + mine.size() + " records this node signed at " + mine.time()
                    + " is gone from the database, which now ends at " + newestSize + ": the trail was truncated");
        }
        requireStored(mine, "the checkpoint this node signed at " + mine.time());
    }

    private void requireStored(TreeHead treeHead, String what) {
        byte[] stored;
        try {
            stored = tree.root(treeHead.size());
        } catch (AuditLogDamaged e) {
            throw new AuditLogDamaged("the audit tree no longer holds " + what + " (" + treeHead.size() + " records): "
                    + e.getMessage(), e);
        }
        if (!MessageDigest.isEqual(stored, treeHead.root())) {
            throw new AuditLogDamaged("the records up to " + treeHead.size() + " no longer give the tree of " + what
                    + ": history was rewritten");
        }
    }
}
