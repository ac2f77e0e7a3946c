package io.inkan.client.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical encoding is pinned byte for byte (a change would orphan every stored trail), and the
 * verifier's verdicts at the edges: an empty trail, damage at the very first record, a missing head.
 */
class AuditChainTest {

    @Test
    void canonicalEncodingIsSortedCompactJsonWithNulls() {
        AuditEntry entry = new AuditEntry(7, "2026-11-23T12:00:00.123456Z", "ci (id)", null, "sign", "SUCCESS", "app",
                "d\u00e9tail \"quoted\"", AuditChain.canonicalJson(Map.of("z", 1, "a", List.of(Map.of("y", "2", "b", "3")))),
                AuditChain.GENESIS, null);
        assertThat(new String(AuditChain.canonical(entry), StandardCharsets.UTF_8)).isEqualTo(
                "{\"action\":\"sign\",\"data\":\"{\\\"a\\\":[{\\\"b\\\":\\\"3\\\",\\\"y\\\":\\\"2\\\"}],\\\"z\\\":1}\","
                        + "\"detail\":\"d\u00e9tail \\\"quoted\\\"\",\"outcome\":\"SUCCESS\",\"prevHash\":\"" + AuditChain.GENESIS
                        + "\",\"principal\":\"ci (id)\",\"project\":\"app\",\"seq\":7,\"source\":null,"
                        + "\"time\":\"2026-11-23T12:00:00.123456Z\"}");
        assertThat(AuditChain.hash(entry)).hasSize(64).isEqualTo(AuditChain.hash(entry));
    }

    @Test
    void emptyTrailIsIntact() throws Exception {
        AuditVerification result = new AuditVerifier(List.of(), someKey(), new AuditHead(0, AuditChain.GENESIS)).finish();
        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isZero();
    }

    @Test
    void swappingTheFirstTwoRecordsIsNamed() throws Exception {
        List<AuditEntry> chain = chain(4);
        AuditVerifier verifier = new AuditVerifier(List.of(), someKey(), null);
        verifier.accept(renumber(chain.get(1), 1));
        verifier.accept(renumber(chain.get(0), 2));
        AuditVerification result = verifier.finish();
        assertThat(result.problem()).isEqualTo(AuditVerification.Problem.REORDERED);
        assertThat(result.firstBadSeq()).isEqualTo(1);
    }

    @Test
    void aTailThatNoCheckpointCoversAndNoNodePromisedIsNamedInserted() throws Exception {
        AuditVerifier verifier = new AuditVerifier(List.of(), someKey(), null);
        chain(5).forEach(verifier::accept);
        AuditVerification result = verifier.finish();
        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).isEqualTo(AuditVerification.Problem.INSERTED);
        assertThat(result.firstBadSeq()).isEqualTo(1);
    }

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditEntry entry = AuditChain.seal(new AuditEntry(seq, "2026-11-23T12:00:0" + seq + "Z", "system", null,
                    "server.start", "SUCCESS", null, "record " + seq, null, previous, null));
            chain.add(entry);
            previous = entry.hash();
        }
        return chain;
    }

    private static AuditEntry renumber(AuditEntry e, long seq) {
        return new AuditEntry(seq, e.time(), e.principal(), e.source(), e.action(), e.outcome(), e.project(), e.detail(),
                e.data(), e.prevHash(), e.hash());
    }

    private static PublicKey someKey() throws Exception {
        return KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
    }
}
