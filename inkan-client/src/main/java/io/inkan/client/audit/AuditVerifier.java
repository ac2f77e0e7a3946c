package io.inkan.client.audit;

import io.inkan.client.audit.AuditVerification.Problem;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Collection;
import java.util.TreeMap;

/**
 * Checks a trail record by record, in order of {@code seq}, without holding it in memory (a million
 * records stream through). It recomputes every hash and link, checks every checkpoint's signature with
 * the audit public key and its match with the record it covers, and stops at the first problem, naming
 * the record. Feed records with {@link #accept}, then call {@link #finish}.
 */
public final class AuditVerifier {

    private final TreeMap<Long, AuditCheckpoint> checkpoints = new TreeMap<>();
    private final TreeMap<Long, TreeHead> treeHeads = new TreeMap<>();
    private final AuditEvidence evidence;
    private final AuditHead head;
    private final List<NoteKey> receiptKeys = new ArrayList<>();
    private final CompactRange tree = new CompactRange();
    private final long promisesFrom;
    private final List<String> gaps = new ArrayList<>();
    private AuditVerification failure;
    private AuditEntry previous;
    private String hashBeforePrevious;
    private AuditEntry pendingBreak;
    private long records;
    private long lastCheckpointSeq;
    private Instant firstUncovered;
    private long firstGapSeq;

    /**
     * @param checkpoints every checkpoint of the trail
     * @param publicKey   the audit key's public half
     * @param head        the chain head as stored by the server, or {@code null} if unknown
     */
    public AuditVerifier(Collection<AuditCheckpoint> checkpoints, PublicKey publicKey, AuditHead head) {
        this(AuditEvidence.of(checkpoints, publicKey, head));
    }

    public AuditVerifier(AuditEvidence evidence) {
        this.evidence = evidence;
        this.head = evidence.head();
        for (AuditCheckpoint checkpoint : evidence.checkpoints()) {
            this.checkpoints.put(checkpoint.seq(), checkpoint);
            if (failure == null) {
                failure = checkSignature(checkpoint);
            }
        }
        for (String statement : evidence.receiptKeyStatements()) {
            ReceiptKeyStatement.vouchedBy(statement, evidence.auditKeys()).ifPresent(receiptKeys::add);
        }
        long covered = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
        AuditEvidence.Cadence cadence = tailCadence();
        if (head != null && cadence != null) {
            // A longer tail is a deleted checkpoint already; only the records a cadence may leave open need promises.
            covered = Math.max(covered, head.seq() - cadence.records());
        }
        this.promisesFrom = covered;
    }

    /** Checks the next record; records must come in ascending {@code seq} order. */
    public void accept(AuditEntry entry) {
        accept(entry, AuditChain.hash(entry));
    }

    /**
     * Checks the next record whose hash the caller has already recomputed with {@link AuditChain#hash}
     * (see {@link AuditPipeline}); records must come in ascending {@code seq} order.
     */
    public void accept(AuditEntry entry, String recomputedHash) {
        if (failure != null) {
            return;
        }
        if (pendingBreak != null) {
            judgeBreak(entry);
            return;
        }
        long expected = previous == null ? 1 : previous.seq() + 1;
        if (entry.seq() > expected) {
            failure = fail(Problem.REMOVED, expected, expected == entry.seq() - 1
                    ? "record " + expected + " was removed"
                    : "records " + expected + " to " + (entry.seq() - 1) + " were removed");
            return;
        }
        if (entry.seq() < expected) {
            failure = fail(Problem.INSERTED, entry.seq(), "record " + entry.seq() + " appears twice");
            return;
        }
        String expectedPrev = previous == null ? AuditChain.GENESIS : previous.hash();
        if (!expectedPrev.equals(entry.prevHash())) {
            if (previous != null && entry.prevHash().equals(hashBeforePrevious)) {
                failure = fail(Problem.INSERTED, previous.seq(), "record " + previous.seq()
                        + " was inserted: the record after it is chained to the one before it");
            } else {
                pendingBreak = entry;
            }
            return;
        }
        if (!recomputedHash.equals(entry.hash())) {
            failure = fail(Problem.MODIFIED, entry.seq(), "record " + entry.seq() + " was modified: its content no longer matches its hash");
            return;
        }
        tree.append(MerkleTree.leafHash(java.util.HexFormat.of().parseHex(entry.hash())));
        if (entry.seq() > promisesFrom && !promised(entry)) {
            failure = fail(Problem.INSERTED, entry.seq(), "record " + entry.seq() + " has no valid promise of inclusion"
                    + " from an Inkan node, and no checkpoint covers it: it was written behind the server's back");
            return;
        }
        if (firstUncovered == null) {
            firstUncovered = parseTime(entry.time());
        }
        AuditCheckpoint checkpoint = checkpoints.get(entry.seq());
        if (checkpoint != null) {
            if (!checkpoint.hash().equals(entry.hash())) {
                failure = fail(Problem.REWRITTEN, entry.seq(), "record " + entry.seq()
                        + " differs from what its signed checkpoint states: records up to it were rewritten");
                return;
            }
            TreeHead treeHead = treeHeads.get(entry.seq());
            if (treeHead != null && !MessageDigest.isEqual(treeHead.root(), tree.root())) {
                failure = fail(Problem.REWRITTEN, entry.seq(), "the records up to " + entry.seq()
                        + " no longer give the tree its signed checkpoint states: records up to it were rewritten");
                return;
            }
            if (treeHead != null) {
                judgeCadence(treeHead, entry.seq());
            }
            lastCheckpointSeq = entry.seq();
            firstUncovered = null;
        }
        TreeHead witness = evidence.witness();
        if (witness != null && witness.size() == entry.seq() && !MessageDigest.isEqual(witness.root(), tree.root())) {
            failure = fail(Problem.REWRITTEN, entry.seq(), "the records up to " + entry.seq() + " no longer give the tree"
                    + " of the checkpoint trusted from outside the database: history was rewritten");
            return;
        }
        hashBeforePrevious = expectedPrev;
        previous = entry;
        records++;
    }

    /** The verdict once every record has been accepted. */
    public AuditVerification finish() {
        if (failure == null && pendingBreak != null) {
            failure = brokenLink(pendingBreak);
        }
        if (failure != null) {
            return failure;
        }
        long lastSeq = previous == null ? 0 : previous.seq();
        long newestCheckpoint = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
        if (newestCheckpoint > lastSeq) {
            return fail(Problem.TRUNCATED, lastSeq + 1, "records " + (lastSeq + 1) + " to at least " + newestCheckpoint
                    + " were removed from the end, although a signed checkpoint covers them");
        }
        if (head != null && head.seq() > lastSeq) {
            return fail(Problem.TRUNCATED, lastSeq + 1, "records " + (lastSeq + 1) + " to " + head.seq()
                    + " after the last checkpoint (" + lastCheckpointSeq + ") were removed from the end of the trail");
        }
        if (head != null && head.seq() < lastSeq) {
            return fail(Problem.INSERTED, head.seq() + 1, "records " + (head.seq() + 1) + " to " + lastSeq
                    + " were appended behind the chain head");
        }
        if (head != null && previous != null && !head.hash().equals(previous.hash())) {
            return fail(Problem.MODIFIED, lastSeq, "record " + lastSeq + " does not match the chain head");
        }
        TreeHead witness = evidence.witness();
        if (witness != null && witness.size() > lastSeq) {
            return fail(Problem.TRUNCATED, lastSeq + 1, "records " + (lastSeq + 1) + " to " + witness.size()
                    + " were removed from the end, although a checkpoint trusted from outside the database covers them");
        }
        judgeTail(lastSeq);
        if (!gaps.isEmpty()) {
            Problem problem = gaps.stream().anyMatch(gap -> gap.startsWith("records")) ? Problem.DELETED_CHECKPOINT
                    : Problem.CADENCE_GAP;
            return fail(problem, firstGapSeq, String.join("; ", gaps));
        }
        long unsigned = lastSeq - lastCheckpointSeq;
        return new AuditVerification(true, records, lastSeq, lastCheckpointSeq, unsigned, null, null,
                records + " records intact; signed checkpoint at record " + lastCheckpointSeq
                        + (unsigned == 0 ? "" : ", " + unsigned + " later record(s) chained but not yet signed"));
    }

    /** A record did not link to its predecessor; the record after it tells a swap from other damage. */
    private void judgeBreak(AuditEntry next) {
        String beforeBreak = previous == null ? AuditChain.GENESIS : previous.hash();
        if (next.seq() == pendingBreak.seq() + 1 && beforeBreak.equals(next.prevHash())) {
            failure = fail(Problem.REORDERED, pendingBreak.seq(), "records " + pendingBreak.seq() + " and " + next.seq()
                    + " are out of order: record " + next.seq() + " was written before record " + pendingBreak.seq());
        } else {
            failure = brokenLink(pendingBreak);
        }
    }

    private AuditVerification brokenLink(AuditEntry entry) {
        return fail(Problem.BROKEN_LINK, entry.seq(), "record " + entry.seq() + " does not follow record "
                + (entry.seq() - 1) + ": a record before it was replaced, removed or renumbered");
    }

    private AuditVerification fail(Problem problem, long seq, String message) {
        long lastSeq = previous == null ? 0 : previous.seq();
        return new AuditVerification(false, records, lastSeq, lastCheckpointSeq, 0, problem, seq, message);
    }

    /** A checkpoint whose signature is bad, or made by no known audit key, is forged. */
    private AuditVerification checkSignature(AuditCheckpoint checkpoint) {
        if (checkpoint.note() == null) {
            return evidence.legacyKeys().stream().anyMatch(key -> legacySignatureValid(checkpoint, key)) ? null
                    : fail(Problem.FORGED_CHECKPOINT, checkpoint.seq(), "the signature of the checkpoint at record "
                    + checkpoint.seq() + " is not valid");
        }
        SignedNote note;
        TreeHead treeHead;
        try {
            note = SignedNote.parse(checkpoint.note());
            treeHead = TreeHead.parse(note.text());
        } catch (IllegalArgumentException e) {
            return fail(Problem.FORGED_CHECKPOINT, checkpoint.seq(), "the checkpoint at record " + checkpoint.seq()
                    + " is not a signed tree head: " + e.getMessage());
        }
        boolean known = note.signatures().stream().anyMatch(signature -> evidence.auditKeys().stream()
                .anyMatch(key -> key.name().equals(signature.keyName()) && key.id() == signature.keyId()));
        if (!known) {
            return fail(Problem.FORGED_CHECKPOINT, checkpoint.seq(), "the checkpoint at record " + checkpoint.seq()
                    + " is signed by no known audit key");
        }
        if (evidence.auditKeys().stream().noneMatch(key -> key.verifies(note))) {
            return fail(Problem.FORGED_CHECKPOINT, checkpoint.seq(), "the signature of the checkpoint at record "
                    + checkpoint.seq() + " is not valid");
        }
        if (treeHead.size() != checkpoint.seq() || !treeHead.headHash().equals(checkpoint.hash())) {
            return fail(Problem.FORGED_CHECKPOINT, checkpoint.seq(), "the checkpoint stored at record " + checkpoint.seq()
                    + " carries a signed tree head of another position (" + treeHead.size() + ")");
        }
        treeHeads.put(checkpoint.seq(), treeHead);
        return null;
    }

    /**
     * A stretch of records that one checkpoint covers must be no longer than the cadence its checkpoint
     * states, and its first record must not have waited much longer than the interval for it, unless the
     * checkpoint says it recovered a tail left by a server that did not stop in order.
     */
    private void judgeCadence(TreeHead treeHead, long seq) {
        if (seq - lastCheckpointSeq > treeHead.cadenceRecords()) {
            gap(lastCheckpointSeq + 1, "records " + (lastCheckpointSeq + 1) + " to " + seq + " passed without a checkpoint,"
                    + " although the server signs one at least every " + treeHead.cadenceRecords() + " records: a checkpoint was deleted");
        } else if (treeHead.kind() != TreeHead.Kind.RECOVERY && firstUncovered != null
                && Duration.between(firstUncovered, treeHead.time()).compareTo(limit(treeHead)) > 0) {
            gap(lastCheckpointSeq + 1, "the checkpoint covering records " + (lastCheckpointSeq + 1) + " to " + seq
                    + " was signed " + Duration.between(firstUncovered, treeHead.time()).toSeconds() + " s after the first of them,"
                    + " longer than the cadence of " + treeHead.cadenceSeconds() + " s allows");
        }
    }

    /**
     * The records after the newest checkpoint. The server signs a checkpoint in the same transaction as the
     * {@code records}-th record after the last one, so a tail of that many records has lost its checkpoint.
     */
    private void judgeTail(long lastSeq) {
        if (lastSeq == lastCheckpointSeq) {
            return;
        }
        AuditEvidence.Cadence cadence = tailCadence();
        if (cadence == null) {
            return;
        }
        if (lastSeq - lastCheckpointSeq >= cadence.records()) {
            gap(lastCheckpointSeq + 1, "records " + (lastCheckpointSeq + 1) + " to " + lastSeq + " have no checkpoint,"
                    + " although the server signs one at least every " + cadence.records() + " records: a checkpoint was deleted");
        } else if (evidence.asOf() != null && firstUncovered != null
                && Duration.between(firstUncovered, evidence.asOf()).compareTo(cadence.limit()) > 0) {
            gap(lastCheckpointSeq + 1, "records " + (lastCheckpointSeq + 1) + " to " + lastSeq + " have waited "
                    + Duration.between(firstUncovered, evidence.asOf()).toSeconds() + " s for a checkpoint, longer than the cadence of "
                    + cadence.seconds() + " s allows: a checkpoint was deleted");
        }
    }

    /**
     * The cadence the records after the newest checkpoint were written under: the one the newest tree head
     * states, or the one the server is configured with now if that is longer (it was raised at a restart since,
     * and no edit of the database can change it); {@code null} when neither is known.
     */
    private AuditEvidence.Cadence tailCadence() {
        AuditEvidence.Cadence configured = evidence.cadence();
        if (treeHeads.isEmpty()) {
            return configured;
        }
        TreeHead newest = treeHeads.lastEntry().getValue();
        return configured == null ? new AuditEvidence.Cadence(newest.cadenceRecords(), newest.cadenceSeconds())
                : new AuditEvidence.Cadence(Math.max(newest.cadenceRecords(), configured.records()),
                Math.max(newest.cadenceSeconds(), configured.seconds()));
    }

    private static Duration limit(TreeHead treeHead) {
        return new AuditEvidence.Cadence(treeHead.cadenceRecords(), treeHead.cadenceSeconds()).limit();
    }

    private void gap(long seq, String message) {
        if (gaps.isEmpty()) {
            firstGapSeq = seq;
        }
        gaps.add(message);
    }

    /** Whether a record no checkpoint covers carries a promise of inclusion by a node the audit key vouched for. */
    private boolean promised(AuditEntry entry) {
        return InclusionPromise.promises(evidence.promises().get(entry.seq()), entry.seq(), entry.hash(), receiptKeys);
    }

    private static Instant parseTime(String time) {
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean legacySignatureValid(AuditCheckpoint checkpoint, PublicKey publicKey) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(AuditChain.checkpointContent(checkpoint.seq(), checkpoint.hash(), checkpoint.signedAt()));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
