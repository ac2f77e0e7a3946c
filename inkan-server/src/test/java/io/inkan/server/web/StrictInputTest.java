package io.inkan.server.web;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding C6-1 and C6-3: what is not exactly valid is refused with a precise 400, recorded, and changes
 * nothing (the one new audit record is the refusal: no signature, no token); no error names a class.
 * Finding C6-2: what the API accepted cannot become a spreadsheet formula in a CSV export.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputTest {

    private static final String SIGN = "/api/v1/projects/alpha/profiles/ec/sign";
    private static final String DIGEST = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String ITEMS = "\"items\": [{\"digest\": \"" + DIGEST + "\"}]";

    TestServer server;
    ApiCaller admin;
    ApiCaller signer;
    ApiCaller custodian;
    AuditExpectations audit;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project("alpha");
        provisioning.keyAndProfile("alpha", "ec", KeyAlgorithm.EC_P256, "software");
        signer = admin.as(provisioning.signerToken("alpha"));
        custodian = provisioning.custodian("alpha");
        audit = new AuditExpectations(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void algorithmNamesMustMatchExactly() {
        for (String name : List.of("ecdsa_sha256", "ECDSA_SHA256\n", " ECDSA_SHA256", "ECDSA-SHA256")) {
            ApiCaller.Response response = refusedSign(Map.of("algorithm", name, "items", List.of(Map.of("digest", DIGEST))));
            assertThat(response.problemType()).as(name).isEqualTo("unknown-algorithm");
        }
        for (String name : List.of("ec_p256", "EC_P256 ", "ec-p256")) {
            ApiCaller.Response response = audit.expectOne(() -> custodian.post("/api/v1/projects/alpha/keys",
                            Map.of("name", "k", "algorithm", name, "token", "software")), 400, AuditAction.KEY_CREATE.value(),
                    "REJECTED", "alpha", "custodian-alpha").response();
            assertThat(response.problemType()).as(name).isEqualTo("unknown-key-algorithm");
        }
    }

    @Test
    void roleNamesMustMatchExactly() {
        for (String role : List.of("Signer", "SIGNER", "signer ", " signer")) {
            ApiCaller.Response response = refusedToken(Map.of("name", "exact", "role", role, "project", "alpha"));
            assertThat(response.problemType()).as(role).isEqualTo("invalid-role");
        }
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        ApiCaller.Response response = refusedSign(
                "{\"algorithm\": \"RSA_PKCS1_SHA256\", \"algorithm\": \"ECDSA_SHA256\", " + ITEMS + "}");
        assertThat(response.problemType()).isEqualTo("malformed-request");
        assertThat(response.json().path("detail").asString()).contains("given twice", "algorithm");

        ApiCaller.Response token = refusedToken(
                "{\"name\": \"t\", \"role\": \"auditor\", \"role\": \"admin\", \"project\": \"alpha\"}");
        assertThat(token.problemType()).isEqualTo("malformed-request");
    }

    @Test
    void fractionalNumbersAreNotTruncatedToIntegers() {
        ApiCaller.Response response = refusedToken(
                "{\"name\": \"t\", \"role\": \"signer\", \"project\": \"alpha\", \"expiresInDays\": 1.5}");
        assertThat(response.problemType()).isEqualTo("malformed-request");
        assertThat(response.json().path("detail").asString()).isEqualTo("Field 'expiresInDays' has the wrong type or shape");
        ApiCaller.Response quoted = refusedToken(
                "{\"name\": \"t\", \"role\": \"signer\", \"project\": \"alpha\", \"expiresInDays\": \"30\"}");
        assertThat(quoted.problemType()).isEqualTo("malformed-request");
    }

    @Test
    void namesWithControlBidiOrUnboundedLengthAreRefused() {
        for (String name : List.of("a\u0000b", "a\nb", "a\u202Eexe.txt", "a\u2066b", "zero\u200Bwidth", " padded",
                "x".repeat(129), "x".repeat(100_000))) {
            ApiCaller.Response token = refusedToken(Map.of("name", name, "role", "signer", "project", "alpha"));
            assertThat(token.problemType()).as(name).isEqualTo("invalid-name");
        }
        for (String artifact : List.of("app\u202Egpj.exe", "app\r\n.exe", "a\u0000", "a".repeat(513),
                "a".repeat(100_000))) {
            ApiCaller.Response sign = refusedSign(Map.of("algorithm", "ECDSA_SHA256",
                    "items", List.of(Map.of("digest", DIGEST, "artifact", artifact))));
            assertThat(sign.problemType()).isEqualTo("invalid-name");
            assertThat(sign.json().path("detail").asString()).startsWith("items[0].artifact:");
        }
    }

    @Test
    void validNamesAreStillAccepted() {
        assertThat(Provisioning.expect(admin.post("/api/v1/tokens",
                Map.of("name", "Release bot – café 1", "role", "signer", "project", "alpha")), 201)).isNotNull();
        Provisioning.expect(signer.post(SIGN, Map.of("algorithm", "ECDSA_SHA256",
                "items", List.of(Map.of("digest", DIGEST, "artifact", "app-1.0 (final).jar")))), 200);
    }

    @Test
    void errorsNameNoInternalClass() {
        List<ApiCaller.Response> probes = List.of(
                signer.post(SIGN, "{\"algorithm\": 5, " + ITEMS + "}"),
                signer.post(SIGN, "{\"algorithm\": \"ECDSA_SHA256\", \"items\": [{\"digest\": [1]}]}"),
                signer.post(SIGN, "{\"algorithm\": \"ECDSA_SHA256\", \"items\": {}}"),
                signer.post(SIGN, "{\"algorithm\": \"ECDSA_SHA256\", \"items\": [{\"nope\": 1}]}"),
                signer.post(SIGN, "{\"algorithm\": \"ECDSA_SHA256\", \"renew\": \"yes\", " + ITEMS + "}"),
                signer.post(SIGN, "[]"),
                signer.post(SIGN, "\"just a string\""),
                admin.post("/api/v1/tokens", "{\"name\": {\"a\": 1}}"),
                admin.post("/api/v1/tokens", "{\"name\": \"t\", \"expiresInDays\": 99999999999999}"),
                admin.get("/api/v1/audit/records?page=x"),
                admin.delete("/api/v1/tokens/not-a-number"),
                admin.get("/api/v1/projects/alpha/profiles/ec/sign"));
        for (ApiCaller.Response probe : probes) {
            assertThat(probe.status()).as(probe.toString()).isBetween(400, 499);
            assertThat(probe.contentType()).startsWith("application/problem+json");
            assertThat(probe.body()).as(probe.toString())
                    .doesNotContain("io.inkan", "java.", "tools.jackson", "org.springframework", "Exception");
        }
    }

    @Test
    void csvExportNeutralisesFormulaCells() {
        List<String> names = List.of("=HYPERLINK(\"https://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)");
        for (String name : names) {
            String secret = Provisioning.expect(admin.post("/api/v1/tokens",
                    Map.of("name", name, "role", "signer", "project", "alpha")), 201).json().get("secret").asString();
            Provisioning.expect(admin.as(secret).post(SIGN, Map.of("algorithm", "ECDSA_SHA256",
                    "items", List.of(Map.of("digest", DIGEST)))), 200);
        }
        String csv = Provisioning.expect(admin.get("/api/v1/audit/export?format=csv&project=alpha&action=sign"), 200)
                .body();
        assertThat(csv).contains("\"'=HYPERLINK(", "\"'+1+1 (", "\"'-2+3 (", "\"'@SUM(A1) (");
        for (String line : csv.lines().toList()) {
            assertThat(line).as(line).doesNotContain(",\"=", ",\"+", ",\"-", ",\"@");
        }
    }

    private ApiCaller.Response refusedSign(Object body) {
        return audit.expectOne(() -> signer.post(SIGN, body), 400, AuditAction.SIGN.value(), "REJECTED", "alpha", "signer-alpha")
                .response();
    }

    private ApiCaller.Response refusedToken(Object body) {
        int tokensBefore = admin.get("/api/v1/tokens").json().size();
        ApiCaller.Response response = audit.expectOne(() -> admin.post("/api/v1/tokens", body), 400,
                AuditAction.TOKEN_CREATE.value(), "REJECTED", null, "bootstrap-admin").response();
        assertThat(admin.get("/api/v1/tokens").json().size()).as("no token created").isEqualTo(tokensBefore);
        return response;
    }
}
