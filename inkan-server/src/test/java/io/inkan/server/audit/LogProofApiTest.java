package io.inkan.server.audit;

import io.inkan.client.InkanClient;
import io.inkan.client.InkanClientConfig;
import io.inkan.client.audit.AuditLogSource;
import io.inkan.client.audit.AuditReceipt;
import io.inkan.client.audit.AuditVerification;
import io.inkan.client.audit.LogVerdict;
import io.inkan.client.audit.ReceiptProof;
import io.inkan.client.audit.TreeHead;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Refusals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proofs API against RFC 9162 on a live server (H2): with a checkpoint after every record, the log has
 * signed tree heads of every size from 1 on (so 1, 2^k and 2^k+1 among them); every record's inclusion proof
 * in every checkpoint and the consistency proof between every pair of checkpoints verify with the client
 * library against the signed roots, and each signed root is the naive recomputation from the stored records.
 * A signing response's receipt verifies offline with the published keys and is proven in the log. After a restart with a larger
 * {@code checkpoint-every} the newest record is not yet checkpointed (409) and the trail is still intact;
 * a record deleted with SQL is 404 {@code no-record}, named by the verifier, and its receipt's proof says deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogProofApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    Path dataDir;
    TestServer server;
    ApiCaller admin;
    LogAuditor auditor;
    JsonNode receipt;

    @BeforeAll
    void start(@TempDir Path dir) {
        dataDir = dir;
        server = TestServer.start(dataDir, Map.of("inkan.audit.checkpoint-every", "1",
                "inkan.audit.checkpoint-interval", "1h"));
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project("alpha");
        provisioning.keyAndProfile("alpha", "ec", KeyAlgorithm.EC_P256, "software");
        ApiCaller signer = admin.as(provisioning.signerToken("alpha"));
        receipt = expect(signer.post("/api/v1/projects/alpha/profiles/ec/sign", Map.of("algorithm", "ECDSA_SHA256",
                "items", List.of(Map.of("digest", Base64.getEncoder().encodeToString(new byte[32]))))), 200)
                .json().get("receipt");
        for (int i = 1; i <= 8; i++) {
            provisioning.project("p" + i);
        }
        auditor = new LogAuditor(admin);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void everyInclusionAndConsistencyProofVerifiesAgainstTheSignedRootsWhichAreTheNaiveRoots() {
        List<String> hashes = LogAuditor.recordHashes(jdbc());
        List<Long> sizes = LogAuditor.checkpointSizes(jdbc());
        assertThat(hashes).hasSizeGreaterThanOrEqualTo(17);
        assertThat(sizes).as("a checkpoint after every record").hasSize(hashes.size()).contains(1L, 2L, 4L, 5L, 8L, 9L, 16L, 17L);
        List<TreeHead> heads = sizes.stream().map(auditor::checkpoint).toList();
        for (TreeHead head : heads) {
            int size = (int) head.size();
            assertThat(head.root()).as("root of %d", size).isEqualTo(LogAuditor.naiveRoot(hashes.subList(0, size)));
            assertThat(head.headHash()).isEqualTo(hashes.get(size - 1));
            for (int record = 1; record <= size; record++) {
                auditor.assertIncluded(record, head, hashes.get(record - 1));
            }
        }
        assertThat(auditor.latest().size()).isGreaterThanOrEqualTo(hashes.size());
        for (int from = 0; from < heads.size(); from++) {
            for (int to = from; to < heads.size(); to++) {
                auditor.assertConsistent(heads.get(from), heads.get(to));
            }
        }
    }

    @Test
    @Order(2)
    void aSigningResponsesReceiptVerifiesOfflineWithThePublishedKeysAndIsInTheLog() {
        AuditReceipt offline = receipt();
        offline.verify(auditor.keys());
        List<String> hashes = LogAuditor.recordHashes(jdbc());
        assertThat(hashes.get((int) offline.index() - 1)).isEqualTo(offline.recordHash());
        assertThat(jdbc().sql("SELECT action FROM audit_records WHERE seq = ?").param(offline.index()).query(String.class)
                .single()).isEqualTo(AuditAction.SIGN.value());
        auditor.assertIncluded(offline.index(), auditor.latest(), offline.recordHash());
        LogVerdict proven = ReceiptProof.prove(offline, auditor.keys(), log());
        assertThat(proven.outcome()).as(proven.message()).isEqualTo(LogVerdict.Outcome.INTACT);
    }

    @Test
    @Order(3)
    void afterARestartWithALargerCadenceTheNewestRecordIsNotYetCheckpointedAndTheTrailIsIntact() {
        server.close();
        server = TestServer.start(dataDir, Map.of("inkan.audit.checkpoint-every", "50", "inkan.audit.checkpoint-interval", "1h"));
        admin = new ApiCaller(server, server.adminToken());
        auditor = new LogAuditor(admin);
        for (int i = 9; i <= 12; i++) {
            expect(admin.post("/api/v1/projects", Map.of("name", "p" + i)), 201);
        }
        long newest = LogAuditor.recordHashes(jdbc()).size();
        TreeHead latest = auditor.latest();
        assertThat(newest).isGreaterThan(latest.size());

        ApiCaller.Response notYet = admin.get("/api/v1/audit/proof/inclusion?record=" + newest);
        Refusals.assertProblem(notYet, 409, "not-yet-checkpointed");
        assertThat(admin.get("/api/v1/audit/proof/inclusion?record=" + (newest + 100)).problemType()).isEqualTo("no-record");

        AuditVerification verdict = verify();
        assertThat(verdict.intact()).as(verdict.message()).isTrue();
        assertThat(verdict.unsignedRecords()).isGreaterThanOrEqualTo(newest - latest.size());
    }

    @Test
    @Order(4)
    void aSignedRecordDeletedWithSqlIsNoRecordAndNamedByTheVerifier() {
        long index = receipt.get("index").asLong();
        jdbc().sql("DELETE FROM audit_records WHERE seq = ?").param(index).update();

        ApiCaller.Response gone = admin.get("/api/v1/audit/proof/inclusion?record=" + index);
        Refusals.assertProblem(gone, 404, "no-record");
        AuditVerification verdict = verify();
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.problem()).as(verdict.message()).isEqualTo(AuditVerification.Problem.REMOVED);
        assertThat(verdict.firstBadSeq()).isEqualTo(index);
        assertThat(verdict.message()).contains("record " + index);
        LogVerdict proven = ReceiptProof.prove(receipt(), auditor.keys(), log());
        assertThat(proven.outcome()).as(proven.message()).isEqualTo(LogVerdict.Outcome.TAMPERED);
        assertThat(proven.finding()).isEqualTo(LogVerdict.Finding.DELETED);
        assertThat(proven.record()).isEqualTo(index);
    }

    /** The live log as {@code inkan audit prove} reads it, through the client library. */
    private AuditLogSource log() {
        return InkanClient.connect(new InkanClientConfig(server.baseUrl(), server.adminToken(),
                server.serverCertificate())).audit();
    }

    private AuditReceipt receipt() {
        return new AuditReceipt(receipt.get("origin").asString(), receipt.get("index").asLong(),
                receipt.get("recordHash").asString(), receipt.get("promise").asString(), receipt.get("receiptKey").asString());
    }

    private AuditVerification verify() {
        return JSON.readValue(expect(admin.get("/api/v1/audit/verify"), 200).body(), AuditVerification.class);
    }

    private JdbcClient jdbc() {
        return server.bean(JdbcClient.class);
    }
}
