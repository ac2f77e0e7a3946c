package io.inkan.client.audit;

import io.inkan.client.InkanApiException;
import io.inkan.client.audit.LogVerdict.Finding;
import io.inkan.client.audit.LogVerdict.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code inkan audit prove} offline: a receipt (real notes signed by an Ed25519 receipt key vouched for by
 * an EC P-256 audit key, both made in the test) against a log in memory, untouched and tampered with.
 */
class ReceiptProofTest {

    private static final Instant SIGNED = Instant.parse("2026-12-03T12:00:00Z");

    private final TestLog log = new TestLog();

    private AuditReceipt receiptFor(long seq) {
        return log.receipt(seq, SIGNED);
    }

    private LogVerdict prove(AuditReceipt receipt) {
        return ReceiptProof.prove(receipt, log.auditKeys(), log);
    }

    @Test
    void aRecordInTheLogIsProvenForEveryLeafOfTreesOfSize1To17() {
        for (int size = 1; size <= 17; size++) {
            TestLog tree = new TestLog();
            tree.append(size);
            tree.checkpoint(SIGNED.plusSeconds(1));
            for (long seq = 1; seq <= size; seq++) {
                LogVerdict verdict = ReceiptProof.prove(tree.receipt(seq, SIGNED), tree.auditKeys(), tree);
                assertThat(verdict.outcome()).as("size %d record %d: %s", size, seq, verdict.message())
                        .isEqualTo(Outcome.INTACT);
            }
        }
    }

    @Test
    void aDeletedRecordIsNamed() {
        log.append(9);
        AuditReceipt receipt = receiptFor(5);
        log.checkpoint(SIGNED.plusSeconds(1));
        log.delete(5);

        LogVerdict verdict = prove(receipt);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verdict.finding()).isEqualTo(Finding.DELETED);
        assertThat(verdict.record()).isEqualTo(5);
        assertThat(verdict.message()).isEqualTo("record 5 of the receipt is no longer in the log (deleted)");
    }

    @Test
    void aRewrittenRecordIsNamed() {
        log.append(9);
        AuditReceipt receipt = receiptFor(5);
        log.rewriteFrom(3);
        log.checkpoint(SIGNED.plusSeconds(1));

        LogVerdict verdict = prove(receipt);

        assertThat(verdict.finding()).isEqualTo(Finding.REWRITTEN);
        assertThat(verdict.message()).startsWith("record 5 was rewritten");
    }

    @Test
    void aProofThatDoesNotLeadToTheSignedRootIsARewrite() {
        log.append(9);
        AuditReceipt receipt = receiptFor(5);
        log.checkpoint(SIGNED.plusSeconds(1));
        log.damageInclusionProofs = true;

        LogVerdict verdict = prove(receipt);

        assertThat(verdict.finding()).isEqualTo(Finding.REWRITTEN);
        assertThat(verdict.message()).contains("is not in the tree the latest checkpoint signed");
    }

    @Test
    void aRecordNoCheckpointCoversYetCannotBeVerifiedYet() {
        log.append(4);
        log.checkpoint(SIGNED.minusSeconds(1));
        log.append(1);
        AuditReceipt receipt = receiptFor(5);

        LogVerdict verdict = prove(receipt);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNVERIFIED);
        assertThat(verdict.finding()).isEqualTo(Finding.NOT_YET_CHECKPOINTED);
    }

    @Test
    void aLogWithoutAnyCheckpointCannotBeVerifiedYet() {
        log.append(2);

        LogVerdict verdict = prove(receiptFor(1));

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNVERIFIED);
        assertThat(verdict.finding()).isEqualTo(Finding.NOT_YET_CHECKPOINTED);
    }

    @Test
    void aTailTruncatedTogetherWithItsCheckpointsIsNamed() {
        log.append(15);
        AuditReceipt receipt = receiptFor(15);
        log.checkpoint(SIGNED.plusSeconds(1));
        log.truncateTo(12);
        log.checkpoint(SIGNED.plus(Duration.ofHours(1)));

        LogVerdict verdict = prove(receipt);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verdict.finding()).isEqualTo(Finding.TRUNCATED);
        assertThat(verdict.record()).isEqualTo(15);
    }

    @Test
    void aReceiptWhosePromiseIsSignedByAnUnvouchedKeyIsForged() {
        log.append(3);
        AuditReceipt genuine = receiptFor(2);
        log.checkpoint(SIGNED.plusSeconds(1));
        TestLog attacker = new TestLog();
        attacker.append(3);
        AuditReceipt forged = new AuditReceipt(genuine.origin(), 2, genuine.recordHash(),
                attacker.receipt(2, SIGNED).promise(), genuine.receiptKey());

        LogVerdict verdict = prove(forged);

        assertThat(verdict.finding()).isEqualTo(Finding.FORGED);
        assertThat(verdict.message()).startsWith("the receipt for record 2 does not verify");
    }

    @Test
    void aReceiptEditedToNameAnotherRecordIsForged() {
        log.append(3);
        AuditReceipt genuine = receiptFor(2);
        log.checkpoint(SIGNED.plusSeconds(1));

        LogVerdict verdict = prove(new AuditReceipt(genuine.origin(), 3, log.recordHash(3), genuine.promise(),
                genuine.receiptKey()));

        assertThat(verdict.finding()).isEqualTo(Finding.FORGED);
    }

    @Test
    void aReceiptSignedBeforeAKeyRotationIsStillProven() {
        log.append(3);
        AuditReceipt receipt = receiptFor(2);
        log.rotateAuditKey();
        log.append(2);
        log.checkpoint(SIGNED.plusSeconds(1));

        assertThat(prove(receipt).outcome()).isEqualTo(Outcome.INTACT);
        assertThat(ReceiptProof.prove(receipt, List.of(log.currentAuditKey()), log).finding()).isEqualTo(Finding.FORGED);
    }

    @Test
    void aReceiptOfAnotherLogCannotBeVerified() {
        TestLog other = new TestLog("inkan.audit/fedcba9876543210");
        other.append(2);
        log.append(2);
        log.checkpoint(SIGNED);

        LogVerdict verdict = prove(other.receipt(1, SIGNED));

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNVERIFIED);
        assertThat(verdict.finding()).isEqualTo(Finding.OTHER_LOG);
    }

    @Test
    void aPlainNotFoundIsNotTakenForADeletedRecord() {
        log.append(2);
        AuditReceipt receipt = receiptFor(1);
        log.checkpoint(SIGNED);
        AuditLogSource oldServer = new AuditLogSource() {
            @Override
            public String checkpoint() {
                return log.checkpoint();
            }

            @Override
            public AuditConsistencyProof consistencyProof(long from, long to) {
                throw new UnsupportedOperationException();
            }

            @Override
            public AuditInclusionProof inclusionProof(long record, long size) {
                throw new InkanApiException(404, "urn:inkan:problem:not-found", "Not Found", null);
            }
        };

        assertThatThrownBy(() -> ReceiptProof.prove(receipt, log.auditKeys(), oldServer))
                .isInstanceOf(InkanApiException.class);
    }
}
