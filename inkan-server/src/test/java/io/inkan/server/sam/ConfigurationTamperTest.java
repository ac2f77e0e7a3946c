package io.inkan.server.sam;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.KeyStateBodies;
import io.inkan.server.testkit.ProfileApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration integrity (M7): profile rows, policies, role bindings, SADs, keys (with their state) and
 * API tokens (with their role) changed in the database
 * behind the service's back are detected when loaded, refused with {@code configuration-tampered}, and
 * reported (audit record, metric); nothing is signed or granted with them. Nodes cache verified
 * configuration under the configuration generation (decision 013), so each change here is followed by
 * a generation step, as the next configuration change or a restart would cause: then the row is loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationTamperTest {

    private static final String PROJECT = "sealed";

    private TestServer server;
    private JdbcClient database;
    private ApiCaller admin;
    private ApiCaller custodian;
    private ApiCaller signer;
    private Provisioning provisioning;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        database = server.bean(JdbcClient.class);
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        provisioning.keyAndProfile(PROJECT, "widened", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(PROJECT, "intact", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(PROJECT, "chained", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(PROJECT, "approved", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(PROJECT, "stopped", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(PROJECT, "moved", KeyAlgorithm.EC_P256, "software");
        provisioning.project("elsewhere");
        this.provisioning = provisioning;
        custodian = provisioning.custodian(PROJECT);
        expect(custodian.post("/api/v1/projects/" + PROJECT + "/profiles",
                Map.of("name", "gated", "key", "intact", "authorizationLevel", 2)), 201);
        expect(custodian.put("/api/v1/projects/" + PROJECT + "/profiles/approved/policy",
                Map.of("approvalsRequired", 2)), 200);
        admin = new ApiCaller(server, server.adminToken());
        signer = admin.as(provisioning.signerToken(PROJECT));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aProfileChangedInTheDatabaseIsRefused() {
        assertThat(profile("widened").sign(List.of(Digests.random())).status()).isEqualTo(200);
        behindTheService("UPDATE signing_profiles SET allowed_algorithms = 'ECDSA_SHA256' WHERE name = 'widened'");
        tampered(() -> profile("widened").sign(List.of(Digests.random())), "signing_profiles");
        assertThat(profile("intact").sign(List.of(Digests.random())).status()).as("other profiles keep working")
                .isEqualTo(200);
    }

    @Test
    void aLevelDowngradedInTheDatabaseSignsNothing() {
        assertThat(profile("gated").sign(List.of(Digests.random())).problemType()).isEqualTo("sad-required");
        behindTheService("UPDATE signing_profiles SET authorization_level = 1 WHERE name = 'gated'");
        tampered(() -> profile("gated").sign(List.of(Digests.random())), "signing_profiles");
    }

    @Test
    void aRoleBindingChangedOrAddedInTheDatabaseIsRefused() {
        expect(admin.post("/api/v1/principals/bootstrap-admin/roles", Map.of("role", "auditor", "project", PROJECT)), 200);
        ApiCaller person = ApiCaller.withClientCertificate(server, server.adminCertificate(),
                server.adminCertificatePassword(), false);
        assertThat(expect(person.get("/api/v1/whoami"), 200).json().get("roles").toString()).contains(PROJECT + ":auditor");

        behindTheService("UPDATE role_bindings SET role = 'SIGNER' WHERE role = 'AUDITOR'");
        tampered(() -> person.get("/api/v1/whoami"), "role_bindings");
        behindTheService("UPDATE role_bindings SET role = 'AUDITOR' WHERE role = 'SIGNER'");
        assertThat(person.get("/api/v1/whoami").status()).as("restored row verifies again").isEqualTo(200);

        behindTheService("""
                INSERT INTO role_bindings (principal_id, role, project_id, created_at)
                SELECT principal_id, 'CUSTODIAN', project_id, created_at FROM role_bindings WHERE role = 'AUDITOR'""");
        tampered(() -> person.get("/api/v1/whoami"), "role_bindings");
    }

    @Test
    void aPolicyLoosenedInTheDatabaseSignsNothing() {
        assertThat(profile("approved").sign(List.of(Digests.random())).problemType()).isEqualTo("approval-required");
        behindTheService("UPDATE signing_policies SET approvals_required = 0");
        tampered(() -> profile("approved").sign(List.of(Digests.random())), "signing_policies");
    }

    @Test
    void aSadWidenedInTheDatabaseIsRefused() {
        byte[] authorized = Digests.random();
        byte[] other = Digests.random();
        String sad = expect(profile("chained").authorize(List.of(authorized)), 201)
                .json().get("sad").asString();
        database.sql("UPDATE sad_digests SET digest = ? WHERE digest = ?").params(other, authorized).update();
        tampered(() -> profile("chained").sign(List.of(other), sad), "signature_activations");
    }

    @Test
    void aKeyStateChangedInTheDatabaseSignsNothing() {
        expect(custodian.post(ApiPaths.key(PROJECT, "stopped", "disable"),
                KeyStateBodies.request(java.time.Instant.now(), "stop")), 200);
        assertThat(profile("stopped").sign(List.of(Digests.random())).problemType()).isEqualTo("key-not-active");
        behindTheService("UPDATE signing_keys SET state = 'ACTIVE' WHERE name = 'stopped'");
        tampered(() -> profile("stopped").sign(List.of(Digests.random())), "signing_keys");
        assertThat(profile("intact").sign(List.of(Digests.random())).status()).as("other keys keep working").isEqualTo(200);
    }

    @Test
    void aKeyMovedToAnotherProjectInTheDatabaseIsRefused() {
        assertThat(profile("moved").sign(List.of(Digests.random())).status()).isEqualTo(200);
        behindTheService("UPDATE signing_keys SET project_id = (SELECT id FROM projects WHERE name = 'elsewhere')"
                + " WHERE name = 'moved'");
        tampered(() -> profile("moved").sign(List.of(Digests.random())), "signing_keys");
        behindTheService("UPDATE signing_keys SET project_id = (SELECT id FROM projects WHERE name = '" + PROJECT + "')"
                + " WHERE name = 'moved'");
        assertThat(profile("moved").sign(List.of(Digests.random())).status()).as("restored row verifies again")
                .isEqualTo(200);
    }

    @Test
    void anApiTokenGivenAnotherRoleInTheDatabaseAuthenticatesNobody() {
        String secret = provisioning.token(PROJECT, "auditor");
        ApiCaller auditor = admin.as(secret);
        assertThat(expect(auditor.get("/api/v1/whoami"), 200).json().get("roles").toString()).contains("auditor");
        byte[] hash = Digests.sha256(secret);
        behindTheService("UPDATE api_tokens SET role = 'SIGNER' WHERE secret_hash = X'" + java.util.HexFormat.of().formatHex(hash) + "'");
        tamperedToken(() -> ProfileApi.of(auditor, PROJECT, "intact").sign(List.of(Digests.random())));
        behindTheService("UPDATE api_tokens SET role = 'AUDITOR' WHERE secret_hash = X'" + java.util.HexFormat.of().formatHex(hash) + "'");
        assertThat(auditor.get("/api/v1/whoami").status()).as("restored row verifies again").isEqualTo(200);

        String forged = "inkan_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.random());
        behindTheService("""
                INSERT INTO api_tokens (id, name, secret_hash, role, project_id, created_at, expires_at)
                SELECT 'forged-token', 'forged', X'%s', 'ADMIN', NULL, created_at, expires_at FROM api_tokens
                WHERE secret_hash = X'%s'""".formatted(java.util.HexFormat.of().formatHex(Digests.sha256(forged)),
                java.util.HexFormat.of().formatHex(hash)));
        tamperedToken(() -> admin.as(forged).get("/api/v1/whoami"));
    }

    /** A tampered token authenticates nobody (the ordinary 401) and is reported like any tampered row. */
    private void tamperedToken(Supplier<ApiCaller.Response> call) {
        long before = new AuditExpectations(server).lastSeq();
        double counted = tamperCount("api_tokens");
        ApiCaller.Response response = call.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("signatures");
        List<AuditEntry> added = server.bean(AuditLog.class).recent(10).stream().filter(e -> e.seq() > before).toList();
        assertThat(added).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.CONFIGURATION_TAMPERED.value());
            assertThat(entry.detail()).contains("api_tokens");
        });
        assertThat(added).noneMatch(entry -> entry.outcome().equals("SUCCESS"));
        assertThat(tamperCount("api_tokens")).isGreaterThan(counted);
    }

    /** Changes configuration rows directly in the database, then steps the generation so nodes reload. */
    private void behindTheService(String sql) {
        database.sql(sql).update();
        database.sql("UPDATE audit_head SET config_generation = config_generation + 1").update();
    }

    /** Expects the refusal, its record, the tamper report in the audit trail, and the metric. */
    private void tampered(Supplier<ApiCaller.Response> call, String table) {
        AuditExpectations audit = new AuditExpectations(server);
        long before = audit.lastSeq();
        double counted = tamperCount(table);
        ApiCaller.Response response = call.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(response.problemType()).isEqualTo("configuration-tampered");
        assertThat(response.body()).doesNotContain("signatures");
        List<AuditEntry> added = server.bean(AuditLog.class).recent(10).stream().filter(e -> e.seq() > before).toList();
        assertThat(added).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.CONFIGURATION_TAMPERED.value());
            assertThat(entry.outcome()).isEqualTo("FAILED");
            assertThat(entry.detail()).contains(table);
        });
        assertThat(added).anySatisfy(entry -> {
            assertThat(entry.outcome()).isEqualTo("FAILED");
            assertThat(entry.detail()).contains("configuration-tampered");
        });
        assertThat(added).noneMatch(entry -> entry.outcome().equals("SUCCESS"));
        assertThat(tamperCount(table)).isGreaterThan(counted);
    }

    private double tamperCount(String table) {
        var counter = server.bean(MeterRegistry.class).find("inkan.configuration.tampered").tag("table", table).counter();
        return counter == null ? 0 : counter.count();
    }

    private ProfileApi profile(String name) {
        return ProfileApi.of(signer, PROJECT, name);
    }
}
