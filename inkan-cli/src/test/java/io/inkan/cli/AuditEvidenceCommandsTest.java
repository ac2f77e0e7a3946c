package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence kept outside the server against a real one: a saved checkpoint still verifies after more
 * signing ({@code inkan audit verify --since}), a receipt {@code inkan sign} wrote proves its record
 * ({@code inkan audit prove}) until the record is deleted in the database, and a record no checkpoint
 * covers yet is "could not verify", not "intact"; checkpoints and receipts from before an audit key rotation
 * still verify; a tail cut off with its checkpoints is named against a
 * saved checkpoint. The database attacks run last, in the order that leaves the next one a log to attack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditEvidenceCommandsTest {

    private static final JsonMapper JSON = InkanJson.newMapper();
    /** Bounds every wait for a checkpoint; each signing adds a record and one comes every three. */
    private static final int MAX_SIGNINGS = 10;

    private Path dir;
    private TestServer server;
    private CliRunner admin;
    private CliRunner signer;
    private CliRunner auditor;
    private CliRunner custodian;
    private int files;

    @BeforeAll
    void provision(@TempDir Path tempDir) {
        dir = tempDir;
        server = TestServer.start(dir.resolve("server"), Map.of("inkan.audit.checkpoint-every", "3",
                "inkan.audit.checkpoint-interval", "1h"));
        admin = new CliRunner(dir.resolve("admin-home")).server(server, server.adminToken());
        succeeds(admin.run("projects", "create", "app"));
        custodian = new CliRunner(dir.resolve("custodian-home")).server(server,
                succeeds(admin.run("tokens", "create", "--name", "keeper", "--role", "custodian", "--project", "app"))
                        .out().strip());
        succeeds(custodian.run("keys", "create", "--project", "app", "--name", "ec", "--algorithm", "EC_P256"));
        succeeds(custodian.run("profiles", "create", "--project", "app", "--name", "release", "--key", "ec"));
        signer = new CliRunner(dir.resolve("signer-home")).server(server,
                succeeds(admin.run("tokens", "create", "--name", "ci", "--role", "signer", "--project", "app")).out().strip());
        auditor = new CliRunner(dir.resolve("auditor-home")).server(server,
                succeeds(admin.run("tokens", "create", "--name", "audit", "--role", "auditor", "--project", "app"))
                        .out().strip());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void aSavedCheckpointStillVerifiesAfterMoreSigningAlsoAgainstThePinnedAuditKey() throws Exception {
        Path saved = dir.resolve("cp.txt");
        Files.writeString(saved, succeeds(auditor.run("audit", "checkpoint")).out());
        signUntilACheckpointCovers(checkpointSize(Files.readString(saved)) + 1);

        assertThat(succeeds(auditor.run("audit", "verify", "--since", saved.toString())).out())
                .startsWith("INTACT: the log only grew since the saved checkpoint");
        var verdict = JSON.readTree(succeeds(auditor.run("audit", "verify", "--since", saved.toString(), "--json")).out());
        assertThat(verdict.get("outcome").asString()).isEqualTo("INTACT");
        assertThat(verdict.get("finding").isNull()).isTrue();
        Path pem = dir.resolve("audit.pem");
        Files.writeString(pem, succeeds(admin.run("audit", "public-key")).out());
        assertThat(succeeds(auditor.run("audit", "verify", "--since", saved.toString(), "--public-key", pem.toString()))
                .out()).startsWith("INTACT: ");
    }

    @Test
    @Order(2)
    void aRecordNoCheckpointCoversYetCannotBeVerifiedYet() throws Exception {
        for (int i = 0; i < MAX_SIGNINGS; i++) {
            Path receipt = signFile();
            long index = index(receipt);
            if (index > checkpointSize(succeeds(auditor.run("audit", "checkpoint")).out())) {
                CliRunner.Result result = signer.run("audit", "prove", receipt.toString());
                assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.UNVERIFIED);
                assertThat(result.out()).startsWith("UNVERIFIED: ")
                        .contains("record " + index + " is not covered by a checkpoint yet");
                assertThat(result.err()).contains("NOT_YET_CHECKPOINTED at record " + index);
                return;
            }
        }
        throw new AssertionError("every signing was checkpointed at once; checkpoint-every 3 should leave gaps");
    }

    @Test
    @Order(3)
    void checkpointsAndReceiptsFromBeforeAnAuditKeyRotationStillVerifyUnlessOnlyTheOldKeyIsPinned() throws Exception {
        Path receipt = signFile();
        signUntilACheckpointCovers(index(receipt));
        Path saved = dir.resolve("before-rotation.txt");
        Files.writeString(saved, succeeds(auditor.run("audit", "checkpoint")).out());
        Path oldKey = dir.resolve("old-audit.pem");
        Files.writeString(oldKey, succeeds(admin.run("audit", "public-key")).out());

        assertThat(succeeds(custodian.run("audit", "rotate-key")).out()).startsWith("Audit key rotated: ");
        signUntilACheckpointCovers(checkpointSize(Files.readString(saved)) + 1);
        Path newKey = dir.resolve("new-audit.pem");
        Files.writeString(newKey, succeeds(admin.run("audit", "public-key")).out());

        assertThat(succeeds(auditor.run("audit", "verify", "--since", saved.toString())).out()).startsWith("INTACT: ");
        assertThat(succeeds(signer.run("audit", "prove", receipt.toString())).out()).startsWith("PROVEN: ");
        assertThat(succeeds(auditor.run("audit", "verify", "--since", saved.toString(), "--public-key", oldKey.toString(),
                "--public-key", newKey.toString())).out()).startsWith("INTACT: ");
        CliRunner.Result oldKeyOnly = auditor.run("audit", "verify", "--since", saved.toString(), "--public-key",
                oldKey.toString());
        assertThat(oldKeyOnly.exitCode()).as(oldKeyOnly.err()).isEqualTo(AuditCommand.TAMPERED);
        assertThat(oldKeyOnly.out()).startsWith("TAMPERED: the server's latest checkpoint").contains("not a known audit key");
    }

    @Test
    @Order(4)
    void aSignedFilesReceiptProvesItsRecordUntilTheRecordIsDeletedInTheDatabase() throws Exception {
        Path receipt = signFile();
        long index = index(receipt);
        signUntilACheckpointCovers(index);
        assertThat(succeeds(signer.run("audit", "prove", receipt.toString())).out())
                .startsWith("PROVEN: " + receipt + ": record " + index + " is in the log");

        assertThat(server.bean(JdbcClient.class).sql("DELETE FROM audit_records WHERE seq = ?").param(index).update())
                .isEqualTo(1);

        CliRunner.Result json = signer.run("audit", "prove", receipt.toString(), "--json");
        assertThat(JSON.readTree(json.out()).get(0).get("verdict").get("finding").asString()).isEqualTo("DELETED");
        CliRunner.Result result = signer.run("audit", "prove", receipt.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(AuditCommand.TAMPERED);
        assertThat(result.out()).isEqualTo("TAMPERED: " + receipt + ": record " + index
                + " of the receipt is no longer in the log (deleted)\n");
        assertThat(result.err()).contains("audit log tampered: DELETED at record " + index);
    }

    @Test
    @Order(5)
    void aTailDeletedWithItsCheckpointsAndTheHeadMovedBackIsNamedAgainstASavedCheckpoint() throws Exception {
        Path saved = dir.resolve("before-truncation.txt");
        Files.writeString(saved, succeeds(auditor.run("audit", "checkpoint")).out());
        long size = checkpointSize(Files.readString(saved));
        JdbcClient jdbc = server.bean(JdbcClient.class);
        long kept = jdbc.sql("SELECT MAX(seq) FROM audit_checkpoints WHERE seq < ?").param(size).query(Long.class).single();
        String keptHash = jdbc.sql("SELECT hash FROM audit_records WHERE seq = ?").param(kept).query(String.class).single();

        jdbc.sql("DELETE FROM audit_records WHERE seq > ?").param(kept).update();
        jdbc.sql("DELETE FROM audit_checkpoints WHERE seq > ?").param(kept).update();
        jdbc.sql("DELETE FROM audit_tree WHERE (idx + 1) * POWER(2, level) > ?").param(kept).update();
        jdbc.sql("UPDATE audit_head SET seq = ?, hash = ?, checkpoint_seq = ? WHERE id = 1").params(kept, keptHash, kept)
                .update();

        CliRunner.Result result = auditor.run("audit", "verify", "--since", saved.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(AuditCommand.TAMPERED);
        assertThat(result.out()).startsWith("TAMPERED: the log was truncated")
                .contains("records " + (kept + 1) + " to " + size + " are gone");
        assertThat(result.err()).contains("audit log tampered: TRUNCATED at record " + (kept + 1));
    }

    /** Signs a new raw file and answers the receipt written beside its signature. */
    private Path signFile() throws IOException {
        Path file = Files.writeString(dir.resolve("artifact-" + ++files + ".txt"), "release " + files + "\n");
        CliRunner.Result result = succeeds(signer.run("sign", "--format", "raw", "--project", "app", "--profile", "release",
                file.toString()));
        assertThat(result.out()).contains("Audit receipts: 1");
        Path receipt = dir.resolve(file.getFileName() + ".inkan-receipt.json");
        assertThat(receipt).exists();
        return receipt;
    }

    private void signUntilACheckpointCovers(long record) {
        for (int i = 0; i < MAX_SIGNINGS; i++) {
            if (checkpointSize(succeeds(auditor.run("audit", "checkpoint")).out()) >= record) {
                return;
            }
            succeeds(signer.run("sign-hash", "--project", "app", "--profile", "release", "--algorithm", "ECDSA_SHA256",
                    "--digest", Base64.getEncoder().encodeToString(new byte[32])));
        }
        throw new AssertionError("no checkpoint covers record " + record + " after " + MAX_SIGNINGS + " signings");
    }

    private static long index(Path receipt) throws IOException {
        return JSON.readTree(receipt.toFile()).get("index").asLong();
    }

    /** The tree size, the second line of a checkpoint. */
    private static long checkpointSize(String checkpoint) {
        return Long.parseLong(checkpoint.split("\n")[1]);
    }

    private static CliRunner.Result succeeds(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }
}
