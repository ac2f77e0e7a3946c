package io.inkan.server.audit;

import io.inkan.server.identity.Access;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The transparency-log face of the trail (decision 016): the signed checkpoints, inclusion and consistency
 * proofs, and every audit key. Any authenticated caller may use it, since it reveals hashes only, never a
 * record's content; a signer proves its own receipts with it ({@code inkan audit prove}) and an auditor
 * proves the log only grew since a checkpoint it kept ({@code inkan audit verify --since}). Custodians rotate
 * the audit key here.
 */
@RestController
@RequestMapping("/api/v1/audit")
class LogProofController {

    private final Checkpoints checkpoints;
    private final AuditTree tree;
    private final AuditKey key;
    private final AuditKeyRotation rotation;
    private final long retryAfterSeconds;

    LogProofController(Checkpoints checkpoints, AuditTree tree, AuditKey key, AuditKeyRotation rotation,
                       io.inkan.server.InkanProperties properties) {
        this.checkpoints = checkpoints;
        this.tree = tree;
        this.key = key;
        this.rotation = rotation;
        this.retryAfterSeconds = Math.max(1, properties.audit().checkpointInterval().toSeconds());
    }

    @GetMapping(value = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    String checkpoint(@RequestParam(required = false) Long size) {
        Access.current();
        return checkpoints.note(size).orElseThrow(() -> noCheckpoint(size));
    }

    @GetMapping("/proof/inclusion")
    ResponseEntity<Map<String, Object>> inclusion(@RequestParam long record, @RequestParam(required = false) Long size) {
        Access.current();
        long treeSize = checkpointSize(size);
        if (record < 1) {
            throw new Refusal(Problem.INVALID_RECORD, "record is a position from 1");
        }
        String hash = tree.recordHash(record).orElseThrow(() -> new Refusal(Problem.NO_RECORD,
                "record " + record + " is not in the audit log"));
        if (record > treeSize) {
            if (size != null) {
                throw new Refusal(Problem.RECORD_BEYOND_SIZE,
                        "record " + record + " is not in the tree of " + treeSize + " records");
            }
            Refusal problem = new Refusal(Problem.NOT_YET_CHECKPOINTED, "record " + record
                    + " is not covered by a checkpoint yet; one is signed within " + retryAfterSeconds + " s");
            throw problem;
        }
        return ResponseEntity.ok(Map.of("record", record, "size", treeSize, "recordHash", hash,
                "path", hex(proof(() -> tree.inclusionProof(record, treeSize)))));
    }

    @GetMapping("/proof/consistency")
    Map<String, Object> consistency(@RequestParam long from, @RequestParam(required = false) Long to) {
        Access.current();
        long newSize = checkpointSize(to);
        long oldSize = checkpointSize(from);
        if (oldSize > newSize) {
            throw new Refusal(Problem.INVALID_RANGE, "from must not be larger than to");
        }
        return Map.of("from", oldSize, "to", newSize, "path", hex(proof(() -> tree.consistencyProof(oldSize, newSize))));
    }

    @GetMapping("/keys")
    Map<String, Object> keys() {
        Access.current();
        List<Map<String, Object>> keys = key.published().stream().map(published -> {
            Map<String, Object> view = new java.util.LinkedHashMap<>();
            view.put("id", published.id());
            view.put("type", "ECDSA");
            view.put("publicKey", Base64.getEncoder().encodeToString(published.publicKey().getEncoded()));
            view.put("createdAt", published.createdAt().toString());
            view.put("retiredAt", published.retiredAt() == null ? null : published.retiredAt().toString());
            return view;
        }).toList();
        return Map.of("origin", key.originName(), "keys", keys);
    }

    /** Custodians only: retires the audit key and makes a new one current; answers the new key's ID. */
    @PostMapping("/keys/rotate")
    @Audited(AuditAction.AUDIT_KEY_ROTATE)
    Map<String, Object> rotate() {
        return Map.of("id", rotation.rotate().idHex());
    }

    /** The size of a signed checkpoint: {@code size} itself if one exists, else the newest when {@code size} is absent. */
    private long checkpointSize(Long size) {
        String note = checkpoints.note(size).orElseThrow(() -> noCheckpoint(size));
        return io.inkan.client.audit.TreeHead.parse(io.inkan.client.audit.SignedNote.parse(note).text()).size();
    }

    /** A proof over a damaged log is refused with a problem naming what is missing, not a server error. */
    private static List<byte[]> proof(java.util.function.Supplier<List<byte[]>> proof) {
        try {
            return proof.get();
        } catch (AuditLogDamaged e) {
            throw new Refusal(Problem.LOG_DAMAGED,
                    e.getMessage() + ": no proof can be given; run the verifier");
        }
    }

    private static Refusal noCheckpoint(Long size) {
        return new Refusal(Problem.NO_CHECKPOINT,
                size == null ? "the audit log has no signed tree head yet" : "no checkpoint covers exactly " + size + " records");
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
