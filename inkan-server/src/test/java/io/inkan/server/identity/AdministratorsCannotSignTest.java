package io.inkan.server.identity;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.People;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administrators cannot sign (A3, issue 15): a system administrator holds no signer, approver or
 * custodian role, nobody grants a role to themselves, and every refusal is recorded. The directory and
 * CI-rule paths are covered in {@code DirectoryRolesTest} and {@code WorkloadIdentityTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdministratorsCannotSignTest {

    private static final String PROJECT = "app";
    private static final String SIGN = "/api/v1/projects/app/profiles/ec/sign";
    private static final Map<String, Object> SIGN_REQUEST = Map.of("algorithm", "ECDSA_SHA256",
            "items", List.of(Map.of("digest", "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=")));
    private static final Map<String, Object> NEW_KEY = Map.of("name", "admins-key", "algorithm", "EC_P256",
            "token", "software");

    private TestServer server;
    private ApiCaller adminToken;
    private ApiCaller adminCertificate;
    private AuditExpectations audit;
    private People people;

    @BeforeAll
    void start(@TempDir Path dir) {
        TestPki pki = new TestPki("people-ca");
        server = TestServer.start(dir.resolve("server"),
                Map.of("inkan.mtls.trusted-cas[0]", pki.writeCertificate(dir.resolve("people-ca.pem")).toString()));
        adminToken = new ApiCaller(server, server.adminToken());
        adminCertificate = ApiCaller.withClientCertificate(server, server.adminCertificate(),
                server.adminCertificatePassword(), false);
        audit = new AuditExpectations(server);
        people = new People(server, adminToken, pki, dir);
        Provisioning provisioning = new Provisioning(adminToken);
        provisioning.project(PROJECT);
        provisioning.keyAndProfile(PROJECT, "ec", KeyAlgorithm.EC_P256, "software");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The original attack: the administrator granted itself signer and custodian, then signed and made keys. */
    @Test
    void anAdministratorSigned() {
        for (String role : List.of("signer", "custodian", "approver")) {
            var selfGrant = audit.expectOne(() -> adminCertificate.post("/api/v1/principals/bootstrap-admin/roles",
                    Map.of("role", role, "project", PROJECT)), 403, AuditAction.ROLE_BIND.value(), "DENIED", null,
                    "bootstrap-admin");
            assertThat(selfGrant.response().problemType()).isEqualTo("self-grant");
            var grant = audit.expectOne(() -> adminToken.post("/api/v1/principals/bootstrap-admin/roles",
                    Map.of("role", role, "project", PROJECT)), 409, AuditAction.ROLE_BIND.value(), "REJECTED", null,
                    "bootstrap-admin");
            assertThat(grant.response().problemType()).isEqualTo("administrators-cannot-sign");
        }
        assertThat(expect(adminCertificate.get("/api/v1/whoami"), 200).json().get("roles").toString())
                .isEqualTo("[\"admin\"]");
        assertCannotSign(adminCertificate, "bootstrap-admin");
    }

    /** A binding that exists anyway (written before the rule, or behind the service's back) grants nothing. */
    @Test
    void aSigningRoleLeftOverFromBeforeTheRuleGrantsAnAdministratorNothing() {
        JdbcClient jdbc = server.bean(JdbcClient.class);
        String adminId = jdbc.sql("SELECT id FROM principals WHERE name = 'bootstrap-admin'").query(String.class).single();
        long projectId = jdbc.sql("SELECT id FROM projects WHERE name = ?").param(PROJECT).query(Long.class).single();
        server.bean(PrincipalRepository.class).bind(adminId, Role.SIGNER, projectId);
        server.bean(PrincipalRepository.class).bind(adminId, Role.CUSTODIAN, projectId);
        jdbc.sql("UPDATE audit_head SET config_generation = config_generation + 1 WHERE id = 1").update();
        try {
            assertCannotSign(adminCertificate, "bootstrap-admin");
        } finally {
            jdbc.sql("DELETE FROM role_bindings WHERE principal_id = ? AND project_id = ?").params(adminId, projectId).update();
            jdbc.sql("UPDATE audit_head SET config_generation = config_generation + 1 WHERE id = 1").update();
        }
    }

    /** Gaining admin: refused while the principal holds a signing duty; allowed once those are withdrawn. */
    @Test
    void aSignerDoesNotBecomeAdministratorUntilTheSigningRolesAreWithdrawn() {
        ApiCaller carol = people.person("carol", PROJECT, "signer", "auditor");
        var refused = audit.expectOne(() -> adminToken.post("/api/v1/principals/carol/roles", Map.of("role", "admin")),
                409, AuditAction.ROLE_BIND.value(), "REJECTED", null, "bootstrap-admin");
        assertThat(refused.response().problemType()).isEqualTo("administrators-cannot-sign");
        assertThat(refused.response().json().get("detail").asString()).contains("app:signer");
        expect(carol.post(SIGN, SIGN_REQUEST), 200);

        expect(adminToken.post("/api/v1/principals/carol/roles/remove", Map.of("role", "signer", "project", PROJECT)), 200);
        audit.expectOne(() -> adminToken.post("/api/v1/principals/carol/roles", Map.of("role", "admin")), 200,
                AuditAction.ROLE_BIND.value(), "SUCCESS", null, "bootstrap-admin");
        assertThat(expect(carol.get("/api/v1/whoami"), 200).json().get("roles").toString()).contains("admin", "app:auditor");
        assertCannotSign(carol, "carol");
    }

    /** Nobody grants themselves anything, not even an administrator granting itself a harmless role. */
    @Test
    void nobodyGrantsARoleToThemselves() {
        ApiCaller dora = people.person("dora", PROJECT);
        expect(adminToken.post("/api/v1/principals/dora/roles", Map.of("role", "admin")), 200);
        var refused = audit.expectOne(() -> dora.post("/api/v1/principals/dora/roles",
                Map.of("role", "auditor", "project", PROJECT)), 403, AuditAction.ROLE_BIND.value(), "DENIED", null, "dora");
        assertThat(refused.response().problemType()).isEqualTo("self-grant");
        expect(dora.post("/api/v1/principals/carl/roles", Map.of("role", "auditor", "project", PROJECT)), 404);
    }

    /** An API token carries one role: an administrator's token is never also a signer's. */
    @Test
    void anAdministratorTokenCannotSign() {
        assertCannotSign(adminToken, "bootstrap-admin");
    }

    private void assertCannotSign(ApiCaller administrator, String who) {
        var signing = audit.expectOne(() -> administrator.post(SIGN, SIGN_REQUEST), 403, AuditAction.SIGN.value(), "DENIED",
                PROJECT, who);
        assertThat(signing.response().json().get("detail").asString()).contains("administrators cannot sign");
        audit.expectOne(() -> administrator.post("/api/v1/projects/app/keys", NEW_KEY), 403, AuditAction.KEY_CREATE.value(),
                "DENIED", PROJECT, who);
    }
}
