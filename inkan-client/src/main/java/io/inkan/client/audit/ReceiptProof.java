package io.inkan.client.audit;

import io.inkan.client.InkanApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code inkan audit prove}: proves that the record a receipt names is (still) in the log. The receipt is
 * checked offline first ({@link AuditReceipt#verify}); then the record's inclusion proof must hold under
 * the latest signed checkpoint, with the hash the receipt promised. A deleted record, one rewritten with
 * another hash, and a tail cut off together with its checkpoints are each named; a record no checkpoint
 * covers yet is "could not verify yet", never "intact".
 */
public final class ReceiptProof {

    /**
     * How much later than a record's promise a checkpoint must be signed before its not covering the record
     * counts as truncation rather than a checkpoint racing the record's commit or the nodes' clocks.
     */
    static final Duration CLOCK_ALLOWANCE = Duration.ofMinutes(5);

    private ReceiptProof() {
    }

    /**
     * @param keys the audit keys to trust (named after the log's origin)
     * @param log  the live log
     */
    public static LogVerdict prove(AuditReceipt receipt, Collection<NoteKey> keys, AuditLogSource log) {
        long record = receipt.index();
        SignedCheckpoint current;
        try {
            current = SignedCheckpoint.read(log.checkpoint());
        } catch (InkanApiException e) {
            if (ProblemTypes.is(e, 404, ProblemTypes.NO_CHECKPOINT)) {
                return LogVerdict.unverified(LogVerdict.Finding.NOT_YET_CHECKPOINTED, record,
                        "the server has no checkpoint at all (none signed yet, or all deleted); try again later");
            }
            throw e;
        } catch (IllegalArgumentException e) {
            return LogVerdict.tampered(LogVerdict.Finding.FORGED, null,
                    "the server's latest checkpoint is not a signed checkpoint: " + e.getMessage());
        }
        TreeHead head = current.head();
        if (!head.origin().equals(receipt.origin())) {
            return LogVerdict.unverified(LogVerdict.Finding.OTHER_LOG, record,
                    "the receipt is of log " + receipt.origin() + ", the server keeps log " + head.origin());
        }
        Instant promised;
        try {
            receipt.verify(keys);
            promised = InclusionPromise.parse(SignedNote.parse(receipt.promise()).text()).time();
        } catch (IllegalArgumentException e) {
            return LogVerdict.tampered(LogVerdict.Finding.FORGED, record,
                    "the receipt for record " + record + " does not verify: " + e.getMessage());
        }
        String forged = current.forgery(keys, "the server's latest checkpoint");
        if (forged != null) {
            return LogVerdict.tampered(LogVerdict.Finding.FORGED, null, forged);
        }
        if (record > head.size()) {
            if (head.time().isAfter(promised.plus(CLOCK_ALLOWANCE))) {
                return LogVerdict.tampered(LogVerdict.Finding.TRUNCATED, record, "record " + record
                        + " of the receipt is no longer in the log: the latest checkpoint (" + head.time() + ") was signed "
                        + "after the record was promised (" + promised + ") but covers only " + head.size()
                        + " records (truncated)");
            }
            return notYet(record, head);
        }
        AuditInclusionProof proof;
        try {
            proof = log.inclusionProof(record, head.size());
        } catch (InkanApiException e) {
            if (ProblemTypes.is(e, 404, ProblemTypes.NO_RECORD)) {
                return LogVerdict.tampered(LogVerdict.Finding.DELETED, record,
                        "record " + record + " of the receipt is no longer in the log (deleted)");
            }
            if (ProblemTypes.is(e, 409, ProblemTypes.NOT_YET_CHECKPOINTED)) {
                return notYet(record, head);
            }
            throw e;
        }
        if (!receipt.recordHash().equals(proof.recordHash())) {
            return LogVerdict.tampered(LogVerdict.Finding.REWRITTEN, record, "record " + record + " was rewritten: "
                    + "the log holds hash " + proof.recordHash() + ", the receipt " + receipt.recordHash());
        }
        if (!included(proof, record, head)) {
            return LogVerdict.tampered(LogVerdict.Finding.REWRITTEN, record, "record " + record
                    + " is not in the tree the latest checkpoint signed (" + head.size() + " records): the log was rewritten");
        }
        return LogVerdict.intact("record " + record + " is in the log, proven against the checkpoint of " + head.size()
                + " records signed at " + head.time());
    }

    private static boolean included(AuditInclusionProof proof, long record, TreeHead head) {
        List<byte[]> path;
        byte[] leaf;
        try {
            path = proof.hashes();
            leaf = MerkleTree.leafHash(HexFormat.of().parseHex(proof.recordHash()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return proof.record() == record && proof.size() == head.size()
                && MerkleTree.verifyInclusion(record - 1, head.size(), leaf, path, head.root());
    }

    private static LogVerdict notYet(long record, TreeHead head) {
        return LogVerdict.unverified(LogVerdict.Finding.NOT_YET_CHECKPOINTED, record, "record " + record
                + " is not covered by a checkpoint yet (the latest covers " + head.size() + " records); try again later");
    }
}
