package io.inkan.client.audit;

/**
 * What the verification flows ask of a live log: its latest checkpoint and proofs between tree sizes.
 * The flows judge the answers themselves, so a source needs no trust; the API client implements it
 * ({@code InkanClient#audit}) and tests answer from a tree in memory.
 *
 * <p>A log that has no answer throws {@code io.inkan.client.InkanApiException} with the API's problem
 * type: {@code …/no-record}, {@code …/no-checkpoint} or {@code …/not-yet-checkpointed}.
 */
public interface AuditLogSource {

    /** The latest signed checkpoint, a signed note. */
    String checkpoint();

    /** The proof that the tree of {@code from} records is a prefix of the one of {@code to} records. */
    AuditConsistencyProof consistencyProof(long from, long to);

    /** The proof that record {@code record} (from 1) is in the tree of {@code size} records. */
    AuditInclusionProof inclusionProof(long record, long size);
}
