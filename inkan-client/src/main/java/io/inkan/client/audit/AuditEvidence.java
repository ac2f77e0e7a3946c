package io.inkan.client.audit;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything besides the records that a verifier judges them against: the checkpoints, the audit keys that
 * may have signed them, the receipt keys' statements and the promises of the records no checkpoint covers
 * yet, the chain head, and optionally a tree head trusted from outside the database (a saved checkpoint, or
 * the one the verifying server node signed itself). {@code asOf} is when the trail was read, for telling a
 * tail that waited too long for its checkpoint; {@code null} when unknown (an export read later).
 */
public record AuditEvidence(List<AuditCheckpoint> checkpoints, List<NoteKey> auditKeys, List<PublicKey> legacyKeys,
                            List<String> receiptKeyStatements, Map<Long, String> promises, AuditHead head,
                            Instant asOf, TreeHead witness, Cadence cadence) {

    /**
     * The most records the server lets pass without a checkpoint, and the interval of its timer. A record
     * may wait twice the interval plus half a minute for its checkpoint before the wait counts as a gap.
     */
    public record Cadence(long records, long seconds) {

        public Duration limit() {
            return Duration.ofSeconds(2 * seconds + 30);
        }
    }

    public AuditEvidence {
        checkpoints = List.copyOf(checkpoints);
        auditKeys = List.copyOf(auditKeys);
        legacyKeys = List.copyOf(legacyKeys);
        receiptKeyStatements = List.copyOf(receiptKeyStatements);
        promises = Map.copyOf(promises);
    }

    /** Checkpoints, the audit public key as a PEM file gives it, and the head: what a plain export holds. */
    public static AuditEvidence of(Collection<AuditCheckpoint> checkpoints, PublicKey auditKey, AuditHead head) {
        return of(checkpoints, auditKey, head, List.of(), Map.of());
    }

    /**
     * What a complete export holds; the log's name, which the audit key signs under, is read from the first
     * signed note in it (a checkpoint, or a receipt-key statement when every checkpoint is gone).
     */
    public static AuditEvidence of(Collection<AuditCheckpoint> checkpoints, PublicKey auditKey, AuditHead head,
                                   List<String> statements, Map<Long, String> promises) {
        String origin = java.util.stream.Stream.concat(
                        checkpoints.stream().map(AuditCheckpoint::note).filter(java.util.Objects::nonNull), statements.stream())
                .findFirst().map(note -> note.split("\n", 2)[0]).orElse("inkan.audit");
        return new AuditEvidence(List.copyOf(checkpoints), List.of(NoteKey.ecdsa(origin, auditKey)), List.of(auditKey),
                statements, promises, head, null, null, null);
    }

    public AuditEvidence asOf(Instant when) {
        return new AuditEvidence(checkpoints, auditKeys, legacyKeys, receiptKeyStatements, promises, head, when, witness, cadence);
    }

    public AuditEvidence withWitness(TreeHead trusted) {
        return new AuditEvidence(checkpoints, auditKeys, legacyKeys, receiptKeyStatements, promises, head, asOf, trusted, cadence);
    }

    public AuditEvidence withCadence(Cadence expected) {
        return new AuditEvidence(checkpoints, auditKeys, legacyKeys, receiptKeyStatements, promises, head, asOf, witness, expected);
    }
}
