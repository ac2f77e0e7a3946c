package io.inkan.client.audit;

import java.util.Collection;

/**
 * What a signing response carries and {@code inkan sign} keeps next to the signature
 * ({@code FILE.inkan-receipt.json}): the position and hash of the record that logged the signature, the
 * node's signed promise of inclusion, and the audit key's statement vouching for the node's receipt key.
 * With the audit public key alone it proves the server logged the record; against the live log
 * ({@code inkan audit prove}) it proves the record is still there.
 *
 * @param promise    a {@link SignedNote} over an {@link InclusionPromise}
 * @param receiptKey a {@link SignedNote} over a {@link ReceiptKeyStatement}, signed by the audit key
 */
public record AuditReceipt(String origin, long index, String recordHash, String promise, String receiptKey) {

    /**
     * Checks the receipt offline: the statement is signed by one of {@code auditKeys}, the promise by the
     * key it vouches for, and both name this receipt's log, record and hash.
     *
     * @throws IllegalArgumentException naming what does not hold
     */
    public void verify(Collection<NoteKey> auditKeys) {
        SignedNote statementNote = SignedNote.parse(receiptKey);
        if (auditKeys.stream().noneMatch(key -> key.name().equals(origin) && key.verifies(statementNote))) {
            throw new IllegalArgumentException("the receipt key is not vouched for by a known audit key of " + origin);
        }
        ReceiptKeyStatement statement = ReceiptKeyStatement.parse(statementNote.text());
        SignedNote promiseNote = SignedNote.parse(promise);
        if (!statement.origin().equals(origin) || !statement.key().verifies(promiseNote)) {
            throw new IllegalArgumentException("the promise of inclusion is not signed by the receipt key");
        }
        InclusionPromise content = InclusionPromise.parse(promiseNote.text());
        if (!content.origin().equals(origin) || content.index() != index || !content.recordHash().equals(recordHash)) {
            throw new IllegalArgumentException("the promise of inclusion is for another record");
        }
    }
}
