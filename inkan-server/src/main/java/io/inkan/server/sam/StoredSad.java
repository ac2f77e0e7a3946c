package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;

import java.time.Instant;
import java.util.List;

/** A row of {@code signature_activations} with its digests, as loaded for a signing request. */
record StoredSad(long id, String principalId, long keyId, SignatureAlgorithm algorithm, int count, int level,
                 List<String> factors, long ttlSeconds, Instant issuedAt, Instant expiresAt, Long predecessorId,
                 byte[] sadHash, byte[] seal, SadState state, List<Digest> digests) {

    /** One authorized value: its position in the SAD, stored form, and state. */
    record Digest(int position, byte[] value, SadDigestState state) {
    }
}
