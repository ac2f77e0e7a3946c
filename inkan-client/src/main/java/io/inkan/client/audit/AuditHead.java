package io.inkan.client.audit;

/**
 * The newest record's position and hash as the server last wrote them; lets a verifier notice records
 * removed from the end that no checkpoint covers yet.
 */
public record AuditHead(long seq, String hash) {
}
