package io.inkan.client.audit;

import io.inkan.client.audit.AuditVerification.Problem;

import java.security.GeneralSecurityException;
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
    private final AuditHead head;
    private AuditVerification failure;
    private AuditEntry previous;
    private String hashBeforePrevious;
    private AuditEntry pendingBreak;
    private long records;
    private long lastCheckpointSeq;

    /**
     * @param checkpoints every checkpoint of the trail
     * @param publicKey   the audit key's public half
     * @param head        the chain head as stored by the server, or {@code null} if unknown
     */
    public AuditVerifier(Collection<AuditCheckpoint> checkpoints, PublicKey publicKey, AuditHead head) {
        this.head = head;
        for (AuditCheckpoint checkpoint : checkpoints) {
            if (failure == null && !signatureValid(checkpoint, publicKey)) {
                failure = fail(Problem.BAD_CHECKPOINT, checkpoint.seq(),
                        "the signature of the checkpoint at record " + checkpoint.seq() + " is not valid");
            }
            this.checkpoints.put(checkpoint.seq(), checkpoint);
        }
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
        AuditCheckpoint checkpoint = checkpoints.get(entry.seq());
        if (checkpoint != null) {
            if (!checkpoint.hash().equals(entry.hash())) {
                failure = fail(Problem.BAD_CHECKPOINT, entry.seq(), "record " + entry.seq()
                        + " differs from what its signed checkpoint states: records up to it were rewritten");
                return;
            }
            lastCheckpointSeq = entry.seq();
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

    private static boolean signatureValid(AuditCheckpoint checkpoint, PublicKey publicKey) {
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
