package io.inkan.core.api;

/**
 * Evidence that the audit log recorded a signing request, for the client to keep (a receipt): the
 * record's position and hash, the server node's signed promise of inclusion (a C2SP signed note) and the
 * audit key's signed statement vouching for the node's receipt key (another signed note). It is checked
 * offline with the audit public key, and against the live log by an inclusion proof.
 *
 * @param origin     the log's name, the first line of every checkpoint
 * @param index      the record's position ({@code seq}, from 1)
 * @param recordHash the record's hash (hex SHA-256), the data of its leaf in the log's Merkle tree
 * @param promise    the signed note promising the record's inclusion
 * @param receiptKey the signed note vouching for the key that signed the promise
 */
public record ReceiptView(String origin, long index, String recordHash, String promise, String receiptKey) {
}
