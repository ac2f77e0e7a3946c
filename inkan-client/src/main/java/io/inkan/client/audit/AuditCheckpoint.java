package io.inkan.client.audit;

/**
 * A checkpoint as stored: since decision 016 a signed tree head ({@code note}, a C2SP signed note over a
 * {@link TreeHead}) covering records 1 to {@code seq}; before it, a signed statement "record {@code seq} has
 * hash {@code hash}" ({@code note} is {@code null}, {@code signature} covers {@link AuditChain#checkpointContent}).
 * Whoever rewrites records up to {@code seq} cannot make either match again without the audit key.
 *
 * @param algorithm the API name of the signature algorithm, {@code ECDSA_SHA256}
 * @param signature base64 DER signature (of the note text, or of the legacy content)
 * @param note      the signed note, or {@code null} for a checkpoint from before decision 016
 */
public record AuditCheckpoint(long seq, String hash, String signedAt, String algorithm, String signature, String note) {
}
