package io.inkan.client.audit;

import io.inkan.client.audit.AuditVerification.Problem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's property: on a trail of a few thousand records built with the real classes, random edits as an
 * attacker with database write access makes them (changing a field, deleting or inserting records with every
 * later hash recomputed by the public algorithm, cutting the tail with its checkpoints and moving the head
 * back, deleting or forging checkpoints) are detected whenever a checkpoint, a promise of inclusion, the
 * cadence or a checkpoint kept outside the database covers them, with the right problem where one edit makes
 * it unambiguous; and an untouched trail is intact. What nothing covers (the trail cut back to an earlier
 * state without a witness beyond it) must stay intact too, since that is what receipts and witnesses are for.
 *
 * <p>Seeded: a failure names the seed; {@code -Dinkan.audit.seed=N} replays it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperPropertyTest {

    private static final int RECORDS = 2013;
    private static final long EVERY = 200;
    private static final int ROUNDS = 300;

    private TestTrail original;

    /** The attacker's moves. */
    private enum Edit {
        MODIFY_FIELD_ONLY, MODIFY_AND_RECHAIN, DELETE_LEAVING_GAP, DELETE_AND_RENUMBER, INSERT_FORGED, APPEND_FORGED,
        TRUNCATE_TAIL, DELETE_CHECKPOINTS, FORGE_CHECKPOINT
    }

    /** What one edit must produce on the untouched trail: a problem at a record, or {@code null} for "intact". */
    private record Expected(Problem problem, long seq) {
    }

    @BeforeAll
    void buildTrail() {
        original = TestTrail.build(TestTrail.Keys.generate(), RECORDS, EVERY);
    }

    @Test
    void everyCoveredEditIsDetectedAndAnUntouchedTrailIsIntact() {
        // One fixed sequence, so CI runs the same rounds every time; -Dinkan.audit.seed=N explores others.
        long seed = Long.getLong("inkan.audit.seed", 20261203L);
        Random random = new Random(seed);
        int detected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            TreeHead witness = random.nextBoolean() ? null
                    : original.treeHead(EVERY * (1 + random.nextInt((int) (RECORDS / EVERY))));
            int edits = round % 10 == 0 ? 0 : random.nextInt(4) < 3 ? 1 : 2 + random.nextInt(2);
            TestTrail trail = original.copy();
            List<String> applied = new ArrayList<>();
            Expected expected = null;
            for (int e = 0; e < edits; e++) {
                expected = apply(trail, Edit.values()[random.nextInt(Edit.values().length)], random, witness, applied);
            }
            AuditVerification verdict = trail.verify(witness);
            String context = String.format("seed %d, round %d, witness %s, edits %s: %s", seed, round,
                    witness == null ? "none" : witness.size(), applied, verdict.message());
            boolean mustDetect = !honestPrefix(trail, witness);
            assertThat(verdict.intact()).as(context).isEqualTo(!mustDetect);
            if (edits == 1 && expected != null) {
                assertThat(verdict.problem()).as(context).isEqualTo(expected.problem());
                assertThat(verdict.firstBadSeq()).as(context).isEqualTo(expected.seq());
            }
            detected += mustDetect ? 1 : 0;
        }
        assertThat(detected).as("seed %d: rounds with a detectable edit", seed).isGreaterThan(ROUNDS / 2);
    }

    /**
     * Applies one edit at a random place and answers what it alone must produce on the untouched trail
     * ({@code null} when it must stay intact).
     */
    private Expected apply(TestTrail trail, Edit edit, Random random, TreeHead witness, List<String> applied) {
        long size = trail.size();
        long lastCheckpoint = trail.checkpointAtOrBefore(size);
        long at = position(random, size, lastCheckpoint);
        Expected expected;
        switch (edit) {
            case MODIFY_FIELD_ONLY -> {
                trail.modify(at, "forged " + random.nextInt(), false);
                expected = new Expected(Problem.MODIFIED, at);
            }
            case MODIFY_AND_RECHAIN -> {
                trail.modify(at, "forged " + random.nextInt(), true);
                expected = rewrittenOrUnpromised(trail, at, lastCheckpoint);
            }
            case DELETE_LEAVING_GAP -> {
                at = Math.min(at, size - 1);
                trail.delete(at, false);
                expected = new Expected(Problem.REMOVED, at);
            }
            case DELETE_AND_RENUMBER -> {
                at = Math.min(at, size - 1);
                trail.delete(at, true);
                expected = rewrittenOrUnpromised(trail, at, lastCheckpoint);
            }
            case INSERT_FORGED -> {
                trail.insert(at, "forged " + random.nextInt());
                expected = rewrittenOrUnpromised(trail, at, lastCheckpoint);
            }
            case APPEND_FORGED -> {
                at = size + 1;
                trail.insert(at, "forged " + random.nextInt());
                expected = new Expected(Problem.INSERTED, at);
            }
            case TRUNCATE_TAIL -> {
                at = random.nextBoolean() ? Math.max(EVERY, lastCheckpoint - EVERY * random.nextInt(3)) : Math.min(at, size - 1);
                trail.truncate(at);
                expected = witness != null && witness.size() > at ? new Expected(Problem.TRUNCATED, at + 1) : null;
            }
            case DELETE_CHECKPOINTS -> {
                TreeSet<Long> deleted = new TreeSet<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count && !trail.checkpoints.isEmpty(); i++) {
                    long seq = trail.checkpoints.get(random.nextInt(trail.checkpoints.size())).seq();
                    trail.deleteCheckpoint(seq);
                    deleted.add(seq);
                }
                at = deleted.isEmpty() ? 0 : deleted.first();
                expected = new Expected(Problem.DELETED_CHECKPOINT, trail.checkpointAtOrBefore(at - 1) + 1);
                applied.add(edit + " " + deleted);
                return expected;
            }
            case FORGE_CHECKPOINT -> {
                if (trail.checkpoints.isEmpty()) {
                    applied.add(edit + " (no checkpoint left)");
                    return null;
                }
                at = trail.checkpoints.get(random.nextInt(trail.checkpoints.size())).seq();
                trail.forgeCheckpoint(at);
                expected = new Expected(Problem.FORGED_CHECKPOINT, at);
            }
            default -> throw new IllegalStateException(edit.name());
        }
        applied.add(edit + " " + at);
        return expected;
    }

    /**
     * A record changed with every later hash recomputed: a checkpoint covering it no longer matches (named at
     * that checkpoint); in the tail, the record has no promise of inclusion for its new hash (named at it).
     */
    private static Expected rewrittenOrUnpromised(TestTrail trail, long at, long lastCheckpoint) {
        return at <= lastCheckpoint ? new Expected(Problem.REWRITTEN, trail.checkpointAtOrAfter(at))
                : new Expected(Problem.INSERTED, at);
    }

    /** A record position: a third of the time in the unsigned tail, else anywhere. */
    private static long position(Random random, long size, long lastCheckpoint) {
        if (size > lastCheckpoint && random.nextInt(3) == 0) {
            return lastCheckpoint + 1 + random.nextInt((int) (size - lastCheckpoint));
        }
        return 1 + random.nextInt((int) size);
    }

    /**
     * Whether the edited trail is exactly an earlier state of the original, records, promises, checkpoints and
     * head alike, and no witness reaches beyond it: the one outcome no verifier can tell from an honest log.
     */
    private boolean honestPrefix(TestTrail trail, TreeHead witness) {
        long k = trail.size();
        if (k > original.size() || witness != null && witness.size() > k) {
            return false;
        }
        if (!trail.rows.equals(original.rows.subList(0, (int) k))) {
            return false;
        }
        AuditHead head = k == 0 ? new AuditHead(0, AuditChain.GENESIS)
                : new AuditHead(k, original.rows.get((int) k - 1).entry().hash());
        return trail.head.equals(head)
                && trail.checkpoints.equals(original.checkpoints.stream().filter(c -> c.seq() <= k).toList());
    }
}
