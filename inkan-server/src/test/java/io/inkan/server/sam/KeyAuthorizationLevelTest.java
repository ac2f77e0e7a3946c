package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.People;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testing.TotpCodes;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;
import io.inkan.server.testkit.Refusals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key authorization levels (M5, A6): a level-2 profile signs only with a SAD authorized by a fresh TOTP
 * code, separately from login; a missing, wrong or reused code is refused and recorded. Level 1 keeps
 * signing without SAD.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyAuthorizationLevelTest {

    private static final String PROJECT = "gated";
    private static final String PERSON = "alice";

    private TestServer server;
    private AuditExpectations audit;
    private ApiCaller person;
    private ApiCaller tokenSigner;
    private ProfileApi personRelease;
    private ProfileApi machineRelease;
    private ProfileApi machinePlain;

    @BeforeAll
    void start(@TempDir Path dir) {
        TestPki pki = new TestPki("people-ca");
        server = TestServer.start(dir.resolve("server"),
                Map.of("inkan.mtls.trusted-cas[0]", pki.writeCertificate(dir.resolve("people-ca.pem")).toString()));
        audit = new AuditExpectations(server);
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        provisioning.keyAndProfile(PROJECT, "plain", KeyAlgorithm.EC_P256, "software");
        ApiCaller custodian = provisioning.custodian(PROJECT);
        JsonNode profile = audit.expectOne(() -> custodian.post("/api/v1/projects/" + PROJECT + "/profiles",
                Map.of("name", "release", "key", "plain", "authorizationLevel", 2)), 201, AuditAction.PROFILE_CREATE.value(),
                "SUCCESS", PROJECT, "custodian-" + PROJECT).response().json();
        assertThat(profile.get("authorizationLevel").asInt()).isEqualTo(2);
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        // A person who signs, never the administrator: administrators cannot sign.
        person = new People(server, admin, pki, dir).person(PERSON, PROJECT, "signer");
        tokenSigner = admin.as(provisioning.signerToken(PROJECT));
        personRelease = ProfileApi.of(person, PROJECT, "release");
        machineRelease = personRelease.as(tokenSigner);
        machinePlain = machineRelease.profile("plain");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void levelTwoNeedsAFreshSecondFactorForEverySad() {
        byte[] digest = Digests.random();
        refused(() -> personRelease.sign(List.of(digest), null), AuditAction.SIGN.value(), 403, "sad-required");
        refused(() -> personRelease.authorize(List.of(digest), null), AuditAction.SAD_ISSUE.value(), 403, "second-factor-required");
        refused(() -> personRelease.authorize(List.of(digest), "123456"), AuditAction.SAD_ISSUE.value(), 409, "totp-not-enrolled");

        String secret = expect(person.post("/api/v1/totp/enrolment", Map.of()), 201).json().get("secret").asString();
        String code = TotpCodes.code(secret, Instant.now());
        refused(() -> personRelease.authorize(List.of(digest), TotpCodes.wrong(code)), AuditAction.SAD_ISSUE.value(), 403,
                "second-factor-refused");

        long generation = configurationGeneration();
        JsonNode sad = audit.expectOne(() -> personRelease.authorize(List.of(digest), code), 201, AuditAction.SAD_ISSUE.value(),
                "SUCCESS", PROJECT, PERSON).response().json();
        var signed = audit.expectOne(() -> personRelease.sign(List.of(digest), sad.get("sad").asString()), 200,
                AuditAction.SIGN.value(), "SUCCESS", PROJECT, PERSON);
        assertThat(signed.entry().data()).contains("\"authorizationLevel\":2").contains("totp");
        assertThat(configurationGeneration()).as("a SAD and its signature leave every node's cached configuration valid")
                .isEqualTo(generation);

        refused(() -> personRelease.authorize(List.of(Digests.random()), code), AuditAction.SAD_ISSUE.value(), 403,
                "second-factor-refused");
        refused(() -> personRelease.sign(List.of(digest), sad.get("sad").asString()), AuditAction.SIGN.value(), 409,
                "sad-consumed");
    }

    @Test
    void machinesHaveNoSecondFactorAndLevelOneIsUnchanged() {
        byte[] digest = Digests.random();
        var refusal = audit.expectOne(() -> machineRelease.authorize(List.of(digest), "123456"), 403,
                AuditAction.SAD_ISSUE.value(), "DENIED", PROJECT, "signer-" + PROJECT);
        assertThat(refusal.response().problemType()).isEqualTo("forbidden");
        audit.expectOne(() -> machinePlain.sign(List.of(digest), null), 200, AuditAction.SIGN.value(), "SUCCESS", PROJECT,
                "signer-" + PROJECT);
    }

    @Test
    void aLevelOneSadOfTheSameKeyDoesNotOpenTheLevelTwoProfile() {
        byte[] digest = Digests.random();
        String sad = audit.expectOne(() -> machinePlain.authorize(List.of(digest), null), 201, AuditAction.SAD_ISSUE.value(),
                "SUCCESS", PROJECT, "signer-" + PROJECT).response().json().get("sad").asString();
        var refusal = audit.expectOne(() -> machineRelease.sign(List.of(digest), sad), 403, AuditAction.SIGN.value(), "DENIED",
                PROJECT, "signer-" + PROJECT);
        assertThat(refusal.response().problemType()).isEqualTo("sad-level-insufficient");
        audit.expectOne(() -> machinePlain.sign(List.of(digest), sad), 200, AuditAction.SIGN.value(), "SUCCESS", PROJECT,
                "signer-" + PROJECT);
    }

    private void refused(Supplier<ApiCaller.Response> call, String action, int status, String slug) {
        Refusals.expectRefused(audit, call, status, slug, action, PROJECT, PERSON);
    }

    private long configurationGeneration() {
        return server.bean(JdbcClient.class).sql("SELECT config_generation FROM audit_head WHERE id = 1").query(Long.class).single();
    }
}
