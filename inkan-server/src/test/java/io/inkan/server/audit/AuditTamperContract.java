package io.inkan.server.audit;

import io.inkan.client.audit.AuditChain;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditExport;
import io.inkan.client.audit.AuditVerification;
import io.inkan.client.audit.AuditVerification.Problem;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with the stored trail is detected and pinpointed, by the server's verifier and by the
 * offline verifier on a complete export: a changed field, a removed record, a forged record inserted with
 * a correct hash (in the middle, or behind the chain head), two records swapped, records cut off after
 * the last checkpoint, and a chain rewritten with fresh hashes. Subclasses choose the database.
 *
 * <p>The trail under test: server start (1), bootstrap token (2), nine projects (3-11); a checkpoint
 * every four records signs records 4 and 8, so 9-11 form the unsigned tail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditTamperContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    TestServer server;
    ApiCaller admin;
    JdbcClient jdbc;
    List<AuditEntry> original;
    Map<Long, String> promises;
    List<Map<String, Object>> checkpoints;
    List<Map<String, Object>> tree;
    Map<String, Object> head;
    @TempDir
    Path exports;

    abstract Map<String, String> databaseProperties();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        Map<String, String> properties = new HashMap<>(databaseProperties());
        properties.put("inkan.audit.checkpoint-every", "4");
        properties.put("inkan.audit.checkpoint-interval", "1h");
        server = TestServer.start(dataDir, properties);
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = Provisioning.audited(server);
        // start, bootstrap certificate, bootstrap token, TSA key, then seven projects: 11 records, checkpoint at 8
        for (int i = 1; i <= 7; i++) {
            provisioning.project("p" + i);
        }
        jdbc = server.bean(JdbcClient.class);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @BeforeEach
    void snapshot() {
        original = records();
        assertThat(original).hasSize(11);
        promises = new HashMap<>();
        jdbc.sql("SELECT seq, promise FROM audit_records").query(rs -> {
            promises.put(rs.getLong("seq"), rs.getString("promise"));
        });
        checkpoints = jdbc.sql("SELECT seq, hash, signed_at, algorithm, signature, note FROM audit_checkpoints").query().listOfRows();
        tree = jdbc.sql("SELECT level, idx, hash FROM audit_tree").query().listOfRows();
        head = jdbc.sql("SELECT seq, hash, checkpoint_seq, config_generation FROM audit_head").query().singleRow();
    }

    @AfterEach
    void restore() {
        jdbc.sql("DELETE FROM audit_records").update();
        original.forEach(this::insert);
        jdbc.sql("DELETE FROM audit_checkpoints").update();
        checkpoints.forEach(row -> jdbc.sql("INSERT INTO audit_checkpoints (seq, hash, signed_at, algorithm, signature, note)"
                + " VALUES (:seq, :hash, :signed_at, :algorithm, :signature, :note)").paramSource(lower(row)).update());
        jdbc.sql("DELETE FROM audit_tree").update();
        tree.forEach(row -> jdbc.sql("INSERT INTO audit_tree (level, idx, hash) VALUES (:level, :idx, :hash)")
                .paramSource(lower(row)).update());
        jdbc.sql("UPDATE audit_head SET seq = :seq, hash = :hash, checkpoint_seq = :checkpoint_seq,"
                + " config_generation = :config_generation WHERE id = 1").paramSource(lower(head)).update();
    }

    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> lowered = new HashMap<>();
        row.forEach((column, value) -> lowered.put(column.toLowerCase(java.util.Locale.ROOT), value));
        return lowered;
    }

    @Test
    void anUntouchedTrailIsIntactUpToTheLastCheckpoint() throws Exception {
        for (AuditVerification result : verifyBothWays()) {
            assertThat(result.intact()).as(result.message()).isTrue();
            assertThat(result.records()).isEqualTo(11);
            assertThat(result.lastCheckpointSeq()).isEqualTo(8);
            assertThat(result.unsignedRecords()).isEqualTo(3);
        }
    }

    @Test
    void aChangedFieldIsNamed() throws Exception {
        jdbc.sql("UPDATE audit_records SET principal = 'someone else' WHERE seq = 6").update();
        expect(Problem.MODIFIED, 6);
    }

    @Test
    void aRemovedRecordIsNamed() throws Exception {
        jdbc.sql("DELETE FROM audit_records WHERE seq = 5").update();
        expect(Problem.REMOVED, 5);
    }

    @Test
    void aForgedRecordInsertedWithACorrectHashIsNamed() throws Exception {
        for (long seq = 11; seq >= 5; seq--) {
            jdbc.sql("UPDATE audit_records SET seq = ? WHERE seq = ?").params(seq + 1, seq).update();
        }
        AuditEntry before = original.get(3);
        insert(AuditChain.seal(new AuditEntry(5, before.time(), "bootstrap-admin", null, "project.create", "SUCCESS",
                "forged", "project created", null, before.hash(), null)));
        expect(Problem.INSERTED, 5);
    }

    @Test
    void aForgedRecordAppendedBehindTheHeadIsNamedByTheServer() {
        AuditEntry last = original.get(original.size() - 1);
        insert(AuditChain.seal(new AuditEntry(12, last.time(), "bootstrap-admin", null, "key.create", "SUCCESS",
                "p1", "key 'backdoor' generated", null, last.hash(), null)));
        AuditVerification result = JSON.readValue(
                Provisioning.expect(admin.get("/api/v1/audit/verify"), 200).body(), AuditVerification.class);
        assertThat(result.problem()).as(result.message()).isEqualTo(Problem.INSERTED);
        assertThat(result.firstBadSeq()).isEqualTo(12);
    }

    @Test
    void swappedRecordsAreNamed() throws Exception {
        jdbc.sql("UPDATE audit_records SET seq = -1 WHERE seq = 6").update();
        jdbc.sql("UPDATE audit_records SET seq = 6 WHERE seq = 7").update();
        jdbc.sql("UPDATE audit_records SET seq = 7 WHERE seq = -1").update();
        expect(Problem.REORDERED, 6);
    }

    @Test
    void aTailCutAfterTheLastCheckpointIsReported() throws Exception {
        jdbc.sql("DELETE FROM audit_records WHERE seq > 8").update();
        expect(Problem.TRUNCATED, 9);
    }

    @Test
    void aRewrittenChainWithFreshHashesFailsAtTheSignedCheckpoint() throws Exception {
        jdbc.sql("DELETE FROM audit_records").update();
        String previous = AuditChain.GENESIS;
        for (AuditEntry entry : original) {
            AuditEntry rewritten = AuditChain.seal(new AuditEntry(entry.seq(), entry.time(), entry.principal(),
                    entry.source(), entry.action(), entry.outcome(), entry.project(),
                    entry.seq() == 3 ? "nothing happened" : entry.detail(), entry.data(), previous, null));
            insert(rewritten);
            previous = rewritten.hash();
        }
        expect(Problem.REWRITTEN, 4);
    }

    @Test
    void deletedCheckpointsAndAHistoryRewrittenWithFreshHashesAreNamed() throws Exception {
        jdbc.sql("DELETE FROM audit_checkpoints").update();
        AuditEntry last = rewriteFrom(3, "nothing happened");
        jdbc.sql("UPDATE audit_head SET hash = ?, checkpoint_seq = 0 WHERE id = 1").param(last.hash()).update();
        AuditVerification online = online();
        assertThat(online.problem()).as(online.message()).isEqualTo(Problem.INSERTED);
        assertThat(online.firstBadSeq()).as("the first rewritten record the cadence leaves uncovered").isEqualTo(8);
        AuditVerification offline = offline();
        assertThat(offline.problem()).as(offline.message()).isEqualTo(Problem.INSERTED);
        assertThat(offline.firstBadSeq()).isEqualTo(8);
    }

    @Test
    void aTailDeletedWithItsCheckpointsAndTheHeadMovedBackIsNamedByTheServerThatSignedIt() throws Exception {
        AuditEntry fourth = original.get(3);
        jdbc.sql("DELETE FROM audit_records WHERE seq > 4").update();
        jdbc.sql("DELETE FROM audit_checkpoints WHERE seq > 4").update();
        jdbc.sql("DELETE FROM audit_tree WHERE (idx + 1) * POWER(2, level) > 4").update();
        jdbc.sql("UPDATE audit_head SET seq = 4, hash = ?, checkpoint_seq = 4 WHERE id = 1").param(fourth.hash()).update();
        AuditVerification online = online();
        assertThat(online.problem()).as(online.message()).isEqualTo(Problem.TRUNCATED);
        assertThat(online.firstBadSeq()).isEqualTo(5);
        assertThat(online.message()).contains("outside the database");
    }

    @Test
    void aRecordAppendedAfterTheLastCheckpointWithTheHeadMovedIsNamedAndNeverSigned() throws Exception {
        AuditEntry last = original.get(original.size() - 1);
        AuditEntry forged = AuditChain.seal(new AuditEntry(12, last.time(), "bootstrap-admin", null, "key.create", "SUCCESS",
                "p1", "key 'backdoor' generated", null, last.hash(), null));
        insert(forged);
        jdbc.sql("UPDATE audit_head SET seq = 12, hash = ? WHERE id = 1").param(forged.hash()).update();
        expect(Problem.INSERTED, 12);
        ApiCaller.Response refused = admin.post("/api/v1/projects", Map.of("name", "after-forgery"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.problemType()).endsWith("audit-log-damaged");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_checkpoints WHERE seq >= 12").query(Long.class).single())
                .as("no checkpoint is signed over a forged record").isZero();
    }

    @Test
    void aCheckpointWithAForgedSignatureOrAnUnknownKeyIsNamed() throws Exception {
        String note = jdbc.sql("SELECT note FROM audit_checkpoints WHERE seq = 4").query(String.class).single();
        io.inkan.client.audit.SignedNote signed = io.inkan.client.audit.SignedNote.parse(note);
        io.inkan.client.audit.SignedNote.NoteSignature line = signed.signatures().get(0);
        byte[] forged = line.signature().clone();
        forged[forged.length - 1] ^= 1;
        String badSignature = new io.inkan.client.audit.SignedNote(signed.text(),
                List.of(new io.inkan.client.audit.SignedNote.NoteSignature(line.keyName(), line.keyId(), forged))).format();
        jdbc.sql("UPDATE audit_checkpoints SET note = ? WHERE seq = 4").param(badSignature).update();
        expect(Problem.FORGED_CHECKPOINT, 4);

        String unknownKey = new io.inkan.client.audit.SignedNote(signed.text(),
                List.of(new io.inkan.client.audit.SignedNote.NoteSignature(line.keyName(), line.keyId() + 1, line.signature()))).format();
        jdbc.sql("UPDATE audit_checkpoints SET note = ? WHERE seq = 4").param(unknownKey).update();
        expect(Problem.FORGED_CHECKPOINT, 4);
    }

    @Test
    void deletingEveryCheckpointIsNamed() throws Exception {
        jdbc.sql("DELETE FROM audit_checkpoints").update();
        expect(Problem.DELETED_CHECKPOINT, 1);
    }

    /** Rewrites the trail from record {@code seq} on with a new detail there and fresh hashes after, as an attacker would. */
    private AuditEntry rewriteFrom(long seq, String detail) {
        jdbc.sql("DELETE FROM audit_records WHERE seq >= ?").param(seq).update();
        String previous = original.get((int) seq - 2).hash();
        AuditEntry rewritten = null;
        for (AuditEntry entry : original.subList((int) seq - 1, original.size())) {
            rewritten = AuditChain.seal(new AuditEntry(entry.seq(), entry.time(), entry.principal(), entry.source(),
                    entry.action(), entry.outcome(), entry.project(), entry.seq() == seq ? detail : entry.detail(),
                    entry.data(), previous, null));
            insert(rewritten);
            previous = rewritten.hash();
        }
        return rewritten;
    }

    private AuditVerification online() {
        return JSON.readValue(Provisioning.expect(admin.get("/api/v1/audit/verify"), 200).body(), AuditVerification.class);
    }

    private AuditVerification offline() throws Exception {
        Path export = Files.createTempFile(exports, "trail", ".jsonl");
        Files.writeString(export, Provisioning.expect(admin.get("/api/v1/audit/export"), 200).body(), StandardCharsets.UTF_8);
        return AuditExport.verify(export, publicKey());
    }

    private void expect(Problem problem, long seq) throws Exception {
        for (AuditVerification result : verifyBothWays()) {
            assertThat(result.intact()).as(result.message()).isFalse();
            assertThat(result.problem()).as(result.message()).isEqualTo(problem);
            assertThat(result.firstBadSeq()).as(result.message()).isEqualTo(seq);
            assertThat(result.message()).contains("record");
        }
    }

    /** The server's verdict and the offline verdict on a complete export with the published public key. */
    private List<AuditVerification> verifyBothWays() throws Exception {
        AuditVerification online = JSON.readValue(
                Provisioning.expect(admin.get("/api/v1/audit/verify"), 200).body(), AuditVerification.class);
        Path export = Files.createTempFile(exports, "trail", ".jsonl");
        Files.writeString(export, Provisioning.expect(admin.get("/api/v1/audit/export"), 200).body(), StandardCharsets.UTF_8);
        AuditVerification offline = AuditExport.verify(export, publicKey());
        assertThat(offline).isEqualTo(online);
        return List.of(online, offline);
    }

    private PublicKey publicKey() throws Exception {
        String pem = Provisioning.expect(admin.get("/api/v1/audit/public-key"), 200).body();
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private List<AuditEntry> records() {
        return jdbc.sql("SELECT * FROM audit_records ORDER BY seq").query(AuditStore.ENTRY).list();
    }

    private void insert(AuditEntry e) {
        String promise = promises == null || original == null || !original.contains(e) ? null : promises.get(e.seq());
        jdbc.sql("INSERT INTO audit_records (seq, occurred_at, principal, source, action, outcome, project, detail, data,"
                        + " prev_hash, hash, promise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.seq(), Instant.parse(e.time()).atOffset(ZoneOffset.UTC), e.principal(), e.source(), e.action(),
                        e.outcome(), e.project(), e.detail(), e.data(), e.prevHash(), e.hash(), promise)
                .update();
    }
}
