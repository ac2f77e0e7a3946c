package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;

import java.time.Instant;
import java.util.List;

/** A row of {@code signature_activations} with its digests, as loaded for a signing request. */
record StoredSad(long id, String principalId, long keyId, SignatureAlgorithm algorithm, int count, int level,
                 List<String> factors, long ttlSeconds, Instant issuedAt, Instant expiresAt, Long predecessorId,
                 byte[] sadHash, byte[] seal, String state, List<Digest> digests) {

    static final String ISSUED = "ISSUED";
    /** Claimed by one request that renews it: refused to every other request from then on. */
    static final String RENEWING = "RENEWING";
    static final String CONSUMED = "CONSUMED";
    /** Replaced, unused, by a new handle for the same digests ({@link SignatureActivation#reissue}). */
    static final String REVOKED = "REVOKED";

    /**
     * One authorized value: its position in the SAD, stored form, and AUTHORIZED, RESERVED (while the
     * token signs it), CONSUMED (signed) or RENEWED (moved to the SAD's successor).
     */
    record Digest(int position, byte[] value, String state) {
        static final String AUTHORIZED = "AUTHORIZED";
        static final String RESERVED = "RESERVED";
        static final String CONSUMED = "CONSUMED";
        static final String RENEWED = "RENEWED";
    }
}
