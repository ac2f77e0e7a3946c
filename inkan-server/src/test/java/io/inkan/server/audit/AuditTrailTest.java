package io.inkan.server.audit;

import io.inkan.client.audit.AuditEntry;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trail through the API: every state change leaves exactly its record (signatures with every
 * digest), search, export, reports, who may read, that nobody may edit, the live copy, and that a
 * signature is not handed out when its record cannot be written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SIGN = "/api/v1/projects/alpha/profiles/ec/sign";

    TestServer server;
    ApiCaller admin;
    ApiCaller signer;
    ApiCaller auditor;
    AuditExpectations audit;
    Path liveCopy;
    final List<String> digests = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dataDir) {
        liveCopy = dataDir.resolve("siem").resolve("audit.jsonl");
        server = TestServer.start(dataDir, Map.of("inkan.audit.live-copy-file", liveCopy.toString()));
        admin = new ApiCaller(server, server.adminToken());
        audit = new AuditExpectations(server);
        for (int i = 0; i < 30; i++) {
            byte[] digest = new byte[32];
            digest[0] = (byte) i;
            digest[31] = 7;
            digests.add(Base64.getEncoder().encodeToString(digest));
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void everyStateChangeLeavesExactlyItsRecord() {
        audit.expectOne(() -> admin.post("/api/v1/projects", Map.of("name", "alpha")), 201,
                AuditAction.PROJECT_CREATE.value(), "SUCCESS", "alpha", "bootstrap-admin");
        audit.expectOne(() -> admin.post("/api/v1/projects", Map.of("name", "beta")), 201,
                AuditAction.PROJECT_CREATE.value(), "SUCCESS", "beta", "bootstrap-admin");
        ApiCaller custodian = admin.as(audit.expectOne(() -> admin.post("/api/v1/tokens",
                        Map.of("name", "keeper-alpha", "role", "custodian", "project", "alpha")), 201,
                AuditAction.TOKEN_CREATE.value(), "SUCCESS", "alpha", "bootstrap-admin").response().json().get("secret").asString());
        AuditEntry key = audit.expectOne(() -> custodian.post("/api/v1/projects/alpha/keys",
                        Map.of("name", "ec", "algorithm", "EC_P256", "token", "software")), 201,
                AuditAction.KEY_CREATE.value(), "SUCCESS", "alpha", "keeper-alpha").entry();
        assertThat(key.detail()).contains("key 'ec' EC_P256");
        audit.expectOne(() -> custodian.post("/api/v1/projects/alpha/profiles", Map.of("name", "ec", "key", "ec")), 201,
                AuditAction.PROFILE_CREATE.value(), "SUCCESS", "alpha", "keeper-alpha");
        String signerSecret = audit.expectOne(() -> admin.post("/api/v1/tokens",
                        Map.of("name", "ci-alpha", "role", "signer", "project", "alpha")), 201,
                AuditAction.TOKEN_CREATE.value(), "SUCCESS", "alpha", "bootstrap-admin").response().json().get("secret").asString();
        signer = admin.as(signerSecret);
        auditor = admin.as(audit.expectOne(() -> admin.post("/api/v1/tokens",
                        Map.of("name", "auditor-alpha", "role", "auditor", "project", "alpha")), 201,
                AuditAction.TOKEN_CREATE.value(), "SUCCESS", "alpha", "bootstrap-admin").response().json().get("secret").asString());

        AuditEntry signature = audit.expectOne(() -> signer.post(SIGN, signRequest()), 200,
                AuditAction.SIGN.value(), "SUCCESS", "alpha", "ci-alpha").entry();
        JsonNode data = JSON.readTree(signature.data());
        assertThat(data.get("count").asInt()).isEqualTo(30);
        assertThat(data.get("key").asString()).isEqualTo("ec");
        assertThat(data.get("profile").asString()).isEqualTo("ec");
        assertThat(data.get("algorithm").asString()).isEqualTo("ECDSA_SHA256");
        List<String> recorded = new ArrayList<>();
        data.get("items").forEach(item -> recorded.add(item.get("digest").asString()));
        assertThat(recorded).containsExactlyElementsOf(digests.stream().map(AuditTrailTest::hex).toList());
        assertThat(data.get("items").get(29).get("artifact").asString()).isEqualTo("app-29.jar");

        String tokenId = expect(admin.post("/api/v1/tokens", Map.of("name", "temp", "role", "signer", "project", "beta")),
                201).json().get("id").asString();
        AuditEntry revoked = audit.expectOne(() -> admin.delete("/api/v1/tokens/" + tokenId), 204,
                AuditAction.TOKEN_REVOKE.value(), "SUCCESS", null, "bootstrap-admin").entry();
        assertThat(revoked.detail()).contains(tokenId);
    }

    @Test
    @Order(2)
    void searchFiltersAndPages() {
        JsonNode bySign = expect(admin.get("/api/v1/audit/records?action=sign&outcome=success&project=alpha"), 200).json();
        assertThat(bySign.get("records")).hasSize(1);
        assertThat(bySign.get("records").get(0).get("principal").asString()).contains("ci-alpha");

        String lastDigest = digests.get(29).replace('+', '-').replace('/', '_');
        assertThat(expect(admin.get("/api/v1/audit/records?digest=" + lastDigest), 200).json().get("records"))
                .singleElement().satisfies(r -> assertThat(r.get("action").asString()).isEqualTo("sign"));
        assertThat(expect(admin.get("/api/v1/audit/records?digest=" + hex(digests.get(0)).replace('0', 'f')), 200)
                .json().get("records")).isEmpty();

        assertThat(expect(admin.get("/api/v1/audit/records?principal=ci-alpha"), 200).json().get("records")).hasSize(1);
        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(expect(admin.get("/api/v1/audit/records?from=" + future), 200).json().get("records")).isEmpty();
        assertThat(expect(admin.get("/api/v1/audit/records?to=" + future + "&project=alpha"), 200).json().get("records"))
                .hasSizeGreaterThanOrEqualTo(6);

        JsonNode first = expect(admin.get("/api/v1/audit/records?size=2"), 200).json();
        JsonNode second = expect(admin.get("/api/v1/audit/records?size=2&page=1"), 200).json();
        assertThat(first.get("more").asBoolean()).isTrue();
        assertThat(first.get("records").get(1).get("seq").asLong())
                .isEqualTo(second.get("records").get(0).get("seq").asLong() + 1);
        assertThat(expect(admin.get("/api/v1/audit/records?size=5000"), 400).problemType()).isEqualTo("invalid-page");
    }

    @Test
    @Order(3)
    void exportsAsJsonLinesAndCsv() {
        ApiCaller.Response csv = expect(admin.get("/api/v1/audit/export?format=csv&project=alpha&action=sign"), 200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(AuditExporter.CSV_HEADER);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("\"sign\"", "\"SUCCESS\"", "\"\"digest\"\":\"\"" + hex(digests.get(29)));

        List<String> jsonl = expect(admin.get("/api/v1/audit/export?format=jsonl&project=alpha"), 200).body().lines().toList();
        assertThat(jsonl).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(line -> assertThat(JSON.readTree(line).get("type").asString()).isEqualTo("record"));
        assertThat(expect(admin.get("/api/v1/audit/export?format=xml"), 400).problemType()).isEqualTo("invalid-format");
    }

    @Test
    @Order(4)
    void monthlyReportCountsSignaturesPerSignerKeyAndProfile() {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        JsonNode report = expect(auditor.get("/api/v1/audit/reports/alpha/" + month), 200).json();
        assertThat(report.get("signatures").asLong()).isEqualTo(30);
        assertThat(report.get("signingRequests").asLong()).isEqualTo(1);
        assertThat(report.get("signaturesByKey").get("ec").asLong()).isEqualTo(30);
        assertThat(report.get("signaturesByProfile").get("ec").asLong()).isEqualTo(30);
        assertThat(report.get("signaturesBySigner").properties()).singleElement()
                .satisfies(e -> assertThat(e.getKey()).contains("ci-alpha"));

        expect(signer.post(SIGN, Map.of("algorithm", "RSA_PKCS1_SHA256", "items", List.of(Map.of("digest", digests.get(0))))), 400);
        expect(signer.get("/api/v1/audit/reports/alpha/" + month), 403);
        JsonNode after = expect(auditor.get("/api/v1/audit/reports/alpha/" + month), 200).json();
        assertThat(after.get("rejections").asLong()).isEqualTo(report.get("rejections").asLong() + 1);
        assertThat(after.get("denials").asLong()).isGreaterThan(report.get("denials").asLong());

        ApiCaller.Response html = expect(auditor.get("/api/v1/audit/reports/alpha/" + month + ".html"), 200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("Audit report: alpha", "Trail integrity", "records intact", "ci-alpha");
        assertThat(expect(admin.get("/api/v1/audit/reports/alpha/november"), 400).problemType()).isEqualTo("invalid-month");
    }

    @Test
    @Order(5)
    void auditorsReadOnlyTheirProjectAndNobodyEdits() {
        JsonNode own = expect(auditor.get("/api/v1/audit/records?size=1000"), 200).json();
        assertThat(own.get("records")).isNotEmpty().allSatisfy(r -> assertThat(r.get("project").asString()).isEqualTo("alpha"));
        assertThat(expect(auditor.get("/api/v1/audit/records?project=beta"), 404).problemType()).isEqualTo("not-found");
        expect(auditor.get("/api/v1/audit/reports/beta/2026-01"), 404);
        expect(auditor.get("/api/v1/audit/verify"), 200);
        expect(signer.get("/api/v1/audit/verify"), 403);
        expect(signer.get("/api/v1/audit/export"), 403);
        assertThat(auditor.get("/api/v1/audit/export").body().lines())
                .allSatisfy(line -> assertThat(JSON.readTree(line).get("project").asString()).isEqualTo("alpha"));

        long before = audit.lastSeq();
        assertThat(admin.delete("/api/v1/audit/records").status()).isEqualTo(405);
        assertThat(admin.post("/api/v1/audit/records", Map.of("seq", 1)).status()).isEqualTo(405);
        assertThat(admin.delete("/api/v1/audit/records/1").status()).isEqualTo(404);
        assertThat(server.bean(AuditLog.class).recent(1000)).anySatisfy(e -> assertThat(e.seq()).isEqualTo(1));
        assertThat(audit.lastSeq()).as("refusals recorded").isEqualTo(before + 3);
        assertThat(expect(auditor.get("/api/v1/audit/verify"), 200).json().get("intact").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void theLiveCopyHoldsEveryCommittedRecord() throws Exception {
        long last = audit.lastSeq();
        List<JsonNode> copied = Files.readAllLines(liveCopy, StandardCharsets.UTF_8).stream().map(JSON::readTree).toList();
        assertThat(copied.stream().map(n -> n.get("seq").asLong()).sorted().toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
    }

    @Test
    @Order(7)
    void noSignatureLeavesTheServerWhenItsRecordCannotBeWritten() {
        JdbcClient jdbc = server.bean(JdbcClient.class);
        long before = audit.lastSeq();
        jdbc.sql("ALTER TABLE audit_records ADD CONSTRAINT test_refuse_sign CHECK (seq <= " + before + " OR action <> 'sign')")
                .update();
        try {
            ApiCaller.Response refused = signer.post(SIGN, signRequest());
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemType()).isEqualTo("internal-error");
            assertThat(refused.body()).doesNotContain("signatures");
        } finally {
            jdbc.sql("ALTER TABLE audit_records DROP CONSTRAINT test_refuse_sign").update();
        }
        assertThat(audit.lastSeq()).as("neither the signature nor its failure could be recorded").isEqualTo(before);
        audit.expectOne(() -> signer.post(SIGN, signRequest()), 200, AuditAction.SIGN.value(), "SUCCESS", "alpha", "ci-alpha");
        assertThat(expect(admin.get("/api/v1/audit/verify"), 200).json().get("intact").asBoolean()).isTrue();
    }

    private Map<String, Object> signRequest() {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < digests.size(); i++) {
            items.add(Map.of("digest", digests.get(i), "artifact", "app-" + i + ".jar"));
        }
        return Map.of("algorithm", "ECDSA_SHA256", "items", items);
    }

    private static String hex(String base64) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }
}
