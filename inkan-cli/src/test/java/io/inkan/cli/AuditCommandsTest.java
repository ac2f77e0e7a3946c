package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan audit} against a real server: verify online, export and verify offline with only the
 * public key (and catch a tampered export), search, CSV export and the monthly report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCommandsTest {

    private static final JsonMapper JSON = InkanJson.newMapper();

    private Path dir;
    private TestServer server;
    private CliRunner admin;

    @BeforeAll
    void provision(@TempDir Path tempDir) {
        dir = tempDir;
        server = TestServer.start(dir.resolve("server"), Map.of("inkan.audit.checkpoint-every", "3"));
        admin = new CliRunner(dir.resolve("admin-home")).server(server, server.adminToken());
        succeeds(admin.run("projects", "create", "app"));
        CliRunner custodian = new CliRunner(dir.resolve("custodian-home")).server(server,
                succeeds(admin.run("tokens", "create", "--name", "keeper", "--role", "custodian", "--project", "app"))
                        .out().strip());
        succeeds(custodian.run("keys", "create", "--project", "app", "--name", "ec", "--algorithm", "EC_P256"));
        succeeds(custodian.run("profiles", "create", "--project", "app", "--name", "release", "--key", "ec"));
        CliRunner signer = new CliRunner(dir.resolve("signer-home")).server(server,
                succeeds(admin.run("tokens", "create", "--name", "ci", "--role", "signer", "--project", "app")).out().strip());
        succeeds(signer.run("sign-hash", "--project", "app", "--profile", "release", "--algorithm", "ECDSA_SHA256",
                "--digest", Base64.getEncoder().encodeToString(new byte[32])));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void verifiesOnlineAndOfflineAndNamesATamperedRecord() throws Exception {
        assertThat(succeeds(admin.run("audit", "verify")).out()).startsWith("INTACT: ").contains("records intact");

        Path pem = dir.resolve("audit.pem");
        Files.writeString(pem, succeeds(admin.run("audit", "public-key")).out());
        Path export = dir.resolve("trail.jsonl");
        succeeds(admin.run("audit", "export", "-o", export.toString()));
        assertThat(succeeds(admin.run("audit", "verify", "--export", export.toString(), "--public-key", pem.toString()))
                .out()).startsWith("INTACT: ");

        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        int target = -1;
        for (int i = 0; i < lines.size() && target < 0; i++) {
            if (lines.get(i).contains("\"action\":\"key.create\"")) {
                target = i;
            }
        }
        long seq = JSON.readTree(lines.get(target)).get("seq").asLong();
        lines.set(target, lines.get(target).replace("EC_P256", "EC_P384"));
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(tampered, lines, StandardCharsets.UTF_8);
        CliRunner.Result result = admin.run("audit", "verify", "--export", tampered.toString(), "--public-key", pem.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).startsWith("TAMPERED: ").contains("record " + seq + " was modified");
        assertThat(result.err()).contains("MODIFIED at record " + seq);
    }

    @Test
    void searchesExportsCsvAndReports() throws Exception {
        JsonNode page = JSON.readTree(succeeds(admin.run("audit", "search", "--action", "sign", "--json")).out());
        assertThat(page.get("records")).singleElement()
                .satisfies(r -> assertThat(r.get("principal").asString()).contains("ci"));
        assertThat(succeeds(admin.run("audit", "search", "--project", "app")).out()).contains("key.create", "SUCCESS");

        Path csv = dir.resolve("trail.csv");
        succeeds(admin.run("audit", "export", "--format", "csv", "--project", "app", "-o", csv.toString()));
        assertThat(Files.readAllLines(csv)).hasSizeGreaterThan(4).first().asString().startsWith("seq,time,principal");

        String month = YearMonth.now(ZoneOffset.UTC).toString();
        JsonNode report = JSON.readTree(succeeds(admin.run("audit", "report", "--project", "app", "--month", month)).out());
        assertThat(report.get("signatures").asLong()).isEqualTo(1);
        assertThat(report.get("signaturesByProfile").get("release").asLong()).isEqualTo(1);
        assertThat(succeeds(admin.run("audit", "report", "--project", "app", "--month", month, "--html")).out())
                .contains("<h1>Audit report: app, " + month + "</h1>");
    }

    private static CliRunner.Result succeeds(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }
}
