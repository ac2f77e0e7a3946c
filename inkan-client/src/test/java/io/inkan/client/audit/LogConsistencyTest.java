package io.inkan.client.audit;

import io.inkan.client.audit.LogVerdict.Finding;
import io.inkan.client.audit.LogVerdict.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code inkan audit verify --since} offline: a checkpoint saved outside the server against the server's
 * latest, with real notes signed by keys made in the test and proofs from a log in memory that is
 * tampered with as an attacker with database access would, before the server signs a fresh checkpoint.
 */
class LogConsistencyTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    private final TestLog log = new TestLog();

    private String savedAfter(int records) {
        log.append(records);
        return log.checkpoint(T0);
    }

    private LogVerdict since(String saved) {
        return LogConsistency.since(saved, log.auditKeys(), log);
    }

    @Test
    void aLogThatOnlyGrewIsIntactForEverySizeUpTo2ToThe5Plus1() {
        for (int first = 1; first <= 33; first++) {
            TestLog grown = new TestLog();
            grown.append(first);
            String saved = grown.checkpoint(T0);
            for (int more : List.of(0, 1, 2, 7, 16)) {
                grown.append(more);
                grown.checkpoint(T0.plusSeconds(60));
                LogVerdict verdict = LogConsistency.since(saved, grown.auditKeys(), grown);
                assertThat(verdict.outcome()).as("%d then %d: %s", first, more, verdict.message()).isEqualTo(Outcome.INTACT);
            }
        }
    }

    @Test
    void anUnchangedLogIsIntact() {
        String saved = savedAfter(5);
        assertThat(since(saved).message()).isEqualTo("the log is unchanged since the saved checkpoint (5 records)");
    }

    @Test
    void historyRewrittenWithFreshHashesAndReSignedNamesTheSavedCheckpointsLastRecord() {
        String saved = savedAfter(10);
        log.rewriteFrom(4);
        log.append(5);
        log.checkpoint(T0.plusSeconds(60));

        LogVerdict verdict = since(saved);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verdict.finding()).isEqualTo(Finding.REWRITTEN);
        assertThat(verdict.record()).isEqualTo(10);
        assertThat(verdict.message()).startsWith("record 10 differs from the saved checkpoint");
    }

    @Test
    void aRewriteOfTheSameSizeIsCaughtWithoutAProof() {
        String saved = savedAfter(8);
        log.rewriteFrom(8);
        log.checkpoint(T0.plusSeconds(60));

        LogVerdict verdict = since(saved);

        assertThat(verdict.finding()).isEqualTo(Finding.REWRITTEN);
        assertThat(verdict.record()).isEqualTo(8);
    }

    @Test
    void theSavedCheckpointsLastRecordDeletedIsNamed() {
        String saved = savedAfter(6);
        log.rewriteFrom(3);
        log.delete(6);
        log.append(2);
        log.checkpoint(T0.plusSeconds(60));

        LogVerdict verdict = since(saved);

        assertThat(verdict.finding()).isEqualTo(Finding.DELETED);
        assertThat(verdict.record()).isEqualTo(6);
    }

    @Test
    void aTruncatedTailIsNamedFromTheFirstMissingRecord() {
        String saved = savedAfter(20);
        log.truncateTo(12);
        log.checkpoint(T0.plusSeconds(60));

        LogVerdict verdict = since(saved);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verdict.finding()).isEqualTo(Finding.TRUNCATED);
        assertThat(verdict.record()).isEqualTo(13);
        assertThat(verdict.message()).contains("records 13 to 20 are gone");
    }

    @Test
    void theSavedCheckpointDeletedOnTheServerIsNamed() {
        String saved = savedAfter(7);
        log.append(3);
        log.checkpoint(T0.plusSeconds(60));
        log.deleteCheckpoint(7);

        LogVerdict verdict = since(saved);

        assertThat(verdict.finding()).isEqualTo(Finding.DELETED_CHECKPOINT);
        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
    }

    @Test
    void allCheckpointsDeletedOnTheServerIsNamed() {
        String saved = savedAfter(7);
        log.deleteAllCheckpoints();

        LogVerdict verdict = since(saved);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TAMPERED);
        assertThat(verdict.finding()).isEqualTo(Finding.DELETED_CHECKPOINT);
    }

    @Test
    void aCheckpointSignedByAnUnknownKeyIsForged() {
        String saved = savedAfter(4);
        log.append(2);
        TestLog attacker = new TestLog();
        log.serveLatest(TestLog.signNote(log.treeHead(T0).text(), attacker.currentAuditKey(),
                TestLog.generate("EC"), "SHA256withECDSA"));

        LogVerdict verdict = since(saved);

        assertThat(verdict.finding()).isEqualTo(Finding.FORGED);
        assertThat(verdict.message()).contains("the server's latest checkpoint (size 6)", "not a known audit key");
    }

    @Test
    void aSavedCheckpointWhoseTextWasChangedIsForged() {
        String saved = savedAfter(4);
        log.append(2);
        log.checkpoint(T0.plusSeconds(60));
        String edited = saved.replaceFirst("\n4\n", "\n3\n");

        LogVerdict verdict = since(edited);

        assertThat(verdict.finding()).isEqualTo(Finding.FORGED);
        assertThat(verdict.message()).contains("the saved checkpoint (size 3)", "(bad signature)");
    }

    @Test
    void verificationSpansAnAuditKeyRotationButNotWithoutThePublishedOldKey() {
        String saved = savedAfter(5);
        log.rotateAuditKey();
        log.append(5);
        log.checkpoint(T0.plusSeconds(60));

        assertThat(since(saved).outcome()).isEqualTo(Outcome.INTACT);
        LogVerdict withoutOldKey = LogConsistency.since(saved, List.of(log.currentAuditKey()), log);
        assertThat(withoutOldKey.finding()).isEqualTo(Finding.FORGED);
    }

    @Test
    void aCheckpointOfAnotherLogCannotBeVerified() {
        TestLog other = new TestLog("inkan.audit/fedcba9876543210");
        other.append(3);
        String saved = other.checkpoint(T0);
        savedAfter(3);

        LogVerdict verdict = since(saved);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNVERIFIED);
        assertThat(verdict.finding()).isEqualTo(Finding.OTHER_LOG);
    }

    @Test
    void aFileThatIsNotACheckpointIsBadInputNotEvidence() {
        savedAfter(3);
        assertThatThrownBy(() -> since("hello\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the saved file is not a checkpoint");
    }

    @Test
    void aServerAnswerThatIsNotACheckpointIsForged() {
        String saved = savedAfter(3);
        log.serveLatest("<html>maintenance</html>\n");
        assertThat(since(saved).finding()).isEqualTo(Finding.FORGED);
    }
}
