package io.inkan.client.audit;

/**
 * What a verification of the trail found: either intact (up to {@code lastCheckpointSeq} proven by a
 * signature, the {@code unsignedRecords} after it only chained), or the first record that is wrong and how.
 *
 * @param intact            whether no problem was found
 * @param records           records checked
 * @param lastSeq           the last record checked
 * @param lastCheckpointSeq the newest checkpoint that matched (0 when none)
 * @param unsignedRecords   records after that checkpoint, chained but not yet covered by a signature
 * @param problem           what was wrong, or {@code null}
 * @param firstBadSeq       the record the problem is about, or {@code null}
 * @param message           a sentence for people
 */
public record AuditVerification(boolean intact, long records, long lastSeq, long lastCheckpointSeq,
                                long unsignedRecords, Problem problem, Long firstBadSeq, String message) {

    /** The kinds of damage a verifier tells apart. */
    public enum Problem {
        /** A record's content no longer matches its hash. */
        MODIFIED,
        /** One or more records are missing from the middle or the covered part of the trail. */
        REMOVED,
        /** A record that is not part of the chain was added. */
        INSERTED,
        /** Records are in another order than they were written. */
        REORDERED,
        /** A record does not follow its predecessor for a reason the verifier cannot narrow down. */
        BROKEN_LINK,
        /** Records after the last one present, known from a checkpoint or the chain head, are gone. */
        TRUNCATED,
        /** A checkpoint's signature is invalid, or made by a key that is not a known audit key. */
        FORGED_CHECKPOINT,
        /** Records a signed checkpoint (or a checkpoint or receipt kept outside) covers no longer match it. */
        REWRITTEN,
        /** More records passed without a checkpoint than the server's cadence allows: one was deleted. */
        DELETED_CHECKPOINT,
        /** Records waited longer for their checkpoint than the server's cadence allows. */
        CADENCE_GAP
    }
}
