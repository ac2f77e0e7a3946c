package io.inkan.client.audit;

import io.inkan.client.audit.AuditVerification.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records after the newest checkpoint, judged by the cadence: the server signs a checkpoint in the same
 * transaction as the {@code checkpoint-every}-th record after the last one, so a tail of that many records
 * means its checkpoint was deleted; and a tail that a larger {@code checkpoint-every}, configured since the
 * newest checkpoint was signed, allows is no gap.
 */
class TailCadenceTest {

    private static final TestTrail.Keys KEYS = TestTrail.Keys.generate();

    @Test
    void aTailOfExactlyTheCadenceWhoseCheckpointWasDeletedIsNamed() {
        TestTrail trail = TestTrail.build(KEYS, 130, 20);
        trail.truncate(120);
        trail.deleteCheckpoint(120);

        AuditVerification verdict = trail.verify(null);

        assertThat(verdict.intact()).as(verdict.message()).isFalse();
        assertThat(verdict.problem()).as(verdict.message()).isEqualTo(Problem.DELETED_CHECKPOINT);
        assertThat(verdict.firstBadSeq()).isEqualTo(101);
    }

    @Test
    void aTailOneShortOfTheCadenceIsIntact() {
        TestTrail trail = TestTrail.build(KEYS, 139, 20);

        AuditVerification verdict = trail.verify(null);

        assertThat(verdict.intact()).as(verdict.message()).isTrue();
        assertThat(verdict.unsignedRecords()).isEqualTo(19);
    }

    @Test
    void aTailLongerThanTheOldCadenceAfterCheckpointEveryWasRaisedIsIntact() {
        TestTrail trail = TestTrail.build(KEYS, 40, 20);
        trail.appendUnsigned(70);

        AuditVerification verdict = trail.verify(null, 100);

        assertThat(verdict.intact()).as(verdict.message()).isTrue();
        assertThat(verdict.unsignedRecords()).isEqualTo(70);
        assertThat(trail.verify(null, 20).problem()).as("the same tail under the old cadence")
                .isEqualTo(Problem.DELETED_CHECKPOINT);
    }
}
