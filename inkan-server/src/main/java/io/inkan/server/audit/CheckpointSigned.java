package io.inkan.server.audit;

/**
 * Published inside the transaction that stores a checkpoint, for witnesses that keep their copy in the
 * same transaction (the webhook outbox), so a copy exists exactly when the checkpoint does.
 *
 * @param size the number of records the checkpoint covers
 * @param root the hex root hash of the Merkle tree over them
 * @param note the checkpoint as a signed note
 */
public record CheckpointSigned(long size, String root, String note) {
}
