package io.inkan.client.audit;

/**
 * One record of the hash-chained audit trail, exactly as stored, exported and verified. Every field but
 * {@code hash} is covered by {@code hash}; {@code prevHash} is the hash of the record before it, which
 * is what chains the records and makes removal, insertion and reordering detectable.
 *
 * @param seq       position in the trail, 1 for the first record, without gaps
 * @param time      when it happened, ISO-8601 instant in UTC (microsecond precision at most)
 * @param principal who acted: credential name and id, {@code system}, or {@code null} when unauthenticated
 * @param source    the caller's network address, if the event came from a request
 * @param action    what was done, e.g. {@code sign}, {@code key.create}, {@code authenticate}
 * @param outcome   {@code SUCCESS}, {@code DENIED}, {@code REJECTED} or {@code FAILED}
 * @param project   the project concerned, if any
 * @param detail    a sentence for people (at most 2000 characters, never abbreviated after hashing)
 * @param data      structured facts as canonical JSON text, e.g. every digest of a signed batch; may be null
 * @param prevHash  hex SHA-256 of the previous record ({@link AuditChain#GENESIS} for the first)
 * @param hash      hex SHA-256 over the canonical encoding of all the fields above
 */
public record AuditEntry(long seq, String time, String principal, String source, String action, String outcome,
                         String project, String detail, String data, String prevHash, String hash) {
}
