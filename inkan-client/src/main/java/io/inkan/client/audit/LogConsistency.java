package io.inkan.client.audit;

import io.inkan.client.InkanApiException;
import io.inkan.client.InkanException;

import java.util.Collection;
import java.util.List;

/**
 * {@code inkan audit verify --since}: proves that the log only grew since a checkpoint saved outside the
 * server, or says how it did not. A saved checkpoint is an anchor the database cannot reach, so this is
 * what catches a history rewritten with fresh hashes and re-signed, a truncated tail, or a forged
 * checkpoint, whatever the database now says about itself.
 *
 * <p>Both checkpoints must be signed by a known audit key; the current one may be smaller only if the
 * log was truncated; the RFC 9162 consistency proof between them must hold. When it does not, record
 * {@code M} (the last one the saved checkpoint covers) is named if its hash now differs from the saved
 * checkpoint's {@code head} line, or if it is gone.
 */
public final class LogConsistency {

    private LogConsistency() {
    }

    /**
     * @param saved a checkpoint note kept outside the server
     * @param keys  the audit keys to trust (named after the log's origin)
     * @param log   the live log
     * @throws IllegalArgumentException if {@code saved} is not a checkpoint note (bad input, not evidence)
     */
    public static LogVerdict since(String saved, Collection<NoteKey> keys, AuditLogSource log) {
        SignedCheckpoint old;
        try {
            old = SignedCheckpoint.read(saved);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the saved file is not a checkpoint: " + e.getMessage(), e);
        }
        SignedCheckpoint current;
        try {
            current = SignedCheckpoint.read(log.checkpoint());
        } catch (InkanApiException e) {
            if (ProblemTypes.is(e, 404, ProblemTypes.NO_CHECKPOINT)) {
                return LogVerdict.tampered(LogVerdict.Finding.DELETED_CHECKPOINT, null,
                        "the server has no checkpoint at all any more, though it signed the saved one (deleted)");
            }
            throw e;
        } catch (IllegalArgumentException e) {
            return LogVerdict.tampered(LogVerdict.Finding.FORGED, null,
                    "the server's latest checkpoint is not a signed checkpoint: " + e.getMessage());
        }
        TreeHead from = old.head();
        TreeHead to = current.head();
        if (!from.origin().equals(to.origin())) {
            return LogVerdict.unverified(LogVerdict.Finding.OTHER_LOG, null,
                    "the saved checkpoint is of log " + from.origin() + ", the server keeps log " + to.origin());
        }
        String forged = old.forgery(keys, "the saved checkpoint");
        if (forged == null) {
            forged = current.forgery(keys, "the server's latest checkpoint");
        }
        if (forged != null) {
            return LogVerdict.tampered(LogVerdict.Finding.FORGED, null, forged);
        }
        if (to.size() < from.size()) {
            return LogVerdict.tampered(LogVerdict.Finding.TRUNCATED, to.size() + 1,
                    "the log was truncated: the saved checkpoint covers " + from.size() + " records, the latest only "
                            + to.size() + "; records " + (to.size() + 1) + " to " + from.size() + " are gone");
        }
        if (from.size() == 0) {
            return LogVerdict.intact("the log grew from 0 to " + to.size() + " records");
        }
        if (from.size() == to.size()) {
            return MerkleTree.equal(from.root(), to.root())
                    ? LogVerdict.intact("the log is unchanged since the saved checkpoint (" + to.size() + " records)")
                    : rewritten(from, to, log);
        }
        AuditConsistencyProof proof;
        try {
            proof = log.consistencyProof(from.size(), to.size());
        } catch (InkanApiException e) {
            if (ProblemTypes.is(e, 404, ProblemTypes.NO_CHECKPOINT)) {
                return LogVerdict.tampered(LogVerdict.Finding.DELETED_CHECKPOINT, from.size(), "the server has no "
                        + "checkpoint of " + from.size() + " records any more, though it signed the saved one (deleted)");
            }
            throw e;
        }
        if (!proves(proof, from, to)) {
            return rewritten(from, to, log);
        }
        return LogVerdict.intact("the log only grew since the saved checkpoint: " + from.size() + " to " + to.size()
                + " records, proven consistent");
    }

    private static boolean proves(AuditConsistencyProof proof, TreeHead from, TreeHead to) {
        List<byte[]> path;
        try {
            path = proof.hashes();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return proof.from() == from.size() && proof.to() == to.size()
                && MerkleTree.verifyConsistency(from.size(), to.size(), from.root(), to.root(), path);
    }

    /** Names record {@code M} (the saved checkpoint's last) when the log now holds another hash for it or none. */
    private static LogVerdict rewritten(TreeHead from, TreeHead to, AuditLogSource log) {
        long last = from.size();
        String general = "the log is not an extension of the saved checkpoint (" + from.size() + " records, root "
                + from.rootHex() + "): history up to record " + last + " was rewritten";
        try {
            AuditInclusionProof now = log.inclusionProof(last, to.size());
            if (!from.headHash().equals(now.recordHash())) {
                return LogVerdict.tampered(LogVerdict.Finding.REWRITTEN, last, "record " + last
                        + " differs from the saved checkpoint (hash now " + now.recordHash() + ", saved "
                        + from.headHash() + "): history up to record " + last + " was rewritten");
            }
        } catch (InkanApiException e) {
            if (ProblemTypes.is(e, 404, ProblemTypes.NO_RECORD)) {
                return LogVerdict.tampered(LogVerdict.Finding.DELETED, last,
                        "record " + last + ", the last one the saved checkpoint covers, is no longer in the log (deleted)");
            }
        } catch (InkanException e) {
            // No answer: the verdict stands without naming a record.
        }
        return LogVerdict.tampered(LogVerdict.Finding.REWRITTEN, null, general);
    }
}
