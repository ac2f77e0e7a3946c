package io.inkan.client.audit;

/**
 * A signed statement "the trail's record {@code seq} has hash {@code hash}", made by the server's audit
 * key inside its token. Whoever rewrites records up to {@code seq} cannot make the chain match it again
 * without that key.
 *
 * @param algorithm  the API name of the signature algorithm, {@code ECDSA_SHA256}
 * @param signature  base64 DER signature over {@link AuditChain#checkpointContent}
 */
public record AuditCheckpoint(long seq, String hash, String signedAt, String algorithm, String signature) {
}
