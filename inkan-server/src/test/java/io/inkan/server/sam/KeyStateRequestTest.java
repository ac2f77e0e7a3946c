package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.KeyStateBodies;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key stop-use, revocation and destruction (K6, M6): only custodians, each request's nonce once, its
 * timestamp fresh, every outcome audited; a destroyed key is gone from its token (software and SoftHSM2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyStateRequestTest {

    private static final String PROJECT = "lifecycle";

    private TestServer server;
    private AuditExpectations audit;
    private ApiCaller custodian;
    private ApiCaller signer;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        SoftHsmFixture token = SoftHsmFixture.shared();
        server = TestServer.start(dataDir, Map.of("inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", token.label(),
                "inkan.tokens.pkcs11[0].pin", token.pin()));
        audit = new AuditExpectations(server);
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        provisioning.keyAndProfile(PROJECT, "soft", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(PROJECT, "hard", KeyAlgorithm.EC_P256, "hsm");
        provisioning.keyAndProfile(PROJECT, "spare", KeyAlgorithm.EC_P256, "software");
        custodian = provisioning.custodian(PROJECT);
        signer = custodian.as(provisioning.signerToken(PROJECT));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stopUseThenRevokeThenDestroyInTheSoftwareToken() {
        assertThat(sign("soft").status()).isEqualTo(200);
        Map<String, Object> disable = request(Instant.now());
        JsonNode disabled = audit.expectOne(() -> custodian.post(keyPath("soft", "disable"), disable), 200,
                AuditAction.KEY_DISABLE.value(), "SUCCESS", PROJECT, "custodian-" + PROJECT).response().json();
        assertThat(disabled.get("state").asString()).isEqualTo("DISABLED");
        refused(() -> sign("soft"), AuditAction.SIGN.value(), 409, "key-not-active", "signer-" + PROJECT);

        refused(() -> custodian.post(keyPath("soft", "disable"), disable), AuditAction.KEY_DISABLE.value(), 409,
                "replayed-request", "custodian-" + PROJECT);

        audit.expectOne(() -> custodian.post(keyPath("soft", "revoke"), request(Instant.now())), 200,
                AuditAction.KEY_REVOKE.value(), "SUCCESS", PROJECT, "custodian-" + PROJECT);
        String handle = handle("soft");
        assertThat(softwareKeyRows(handle)).isEqualTo(1);
        Map<String, Object> destroy = request(Instant.now());
        JsonNode destroyed = audit.expectOne(() -> custodian.post(keyPath("soft", "destroy"), destroy), 200,
                AuditAction.KEY_DESTROY.value(), "SUCCESS", PROJECT, "custodian-" + PROJECT).response().json();
        assertThat(destroyed.get("state").asString()).isEqualTo("DESTROYED");
        assertThat(softwareKeyRows(handle)).as("wrapped key material left").isZero();
        refused(() -> custodian.post(keyPath("soft", "destroy"), destroy), AuditAction.KEY_DESTROY.value(), 409,
                "replayed-request", "custodian-" + PROJECT);
        refused(() -> custodian.post(keyPath("soft", "destroy"), request(Instant.now())), AuditAction.KEY_DESTROY.value(), 409,
                "invalid-key-state", "custodian-" + PROJECT);
        refused(() -> sign("soft"), AuditAction.SIGN.value(), 409, "key-not-active", "signer-" + PROJECT);
    }

    @Test
    void destroyRemovesTheKeyFromTheHsm() {
        ExternalTools.require("pkcs11-tool");
        String handle = handle("hard");
        assertThat(SoftHsmFixture.shared().listObjects()).contains(handle);
        Map<String, Object> destroy = request(Instant.now());
        audit.expectOne(() -> custodian.post(keyPath("hard", "destroy"), destroy), 200, AuditAction.KEY_DESTROY.value(),
                "SUCCESS", PROJECT, "custodian-" + PROJECT);
        assertThat(SoftHsmFixture.shared().listObjects()).doesNotContain(handle);
        refused(() -> custodian.post(keyPath("hard", "destroy"), destroy), AuditAction.KEY_DESTROY.value(), 409,
                "replayed-request", "custodian-" + PROJECT);
        refused(() -> sign("hard"), AuditAction.SIGN.value(), 409, "key-not-active", "signer-" + PROJECT);
    }

    @Test
    void onlyFreshRequestsOfCustodiansAreAccepted() {
        refused(() -> signer.post(keyPath("spare", "destroy"), request(Instant.now())), AuditAction.KEY_DESTROY.value(), 403,
                "forbidden", "signer-" + PROJECT);
        refused(() -> custodian.post(keyPath("spare", "disable"), request(Instant.now().minus(Duration.ofMinutes(10)))),
                AuditAction.KEY_DISABLE.value(), 400, "stale-request", "custodian-" + PROJECT);
        refused(() -> custodian.post(keyPath("spare", "disable"), Map.of("nonce", "short",
                "timestamp", Instant.now().toString())), AuditAction.KEY_DISABLE.value(), 400, "invalid-nonce", "custodian-" + PROJECT);
        assertThat(sign("spare").status()).as("the refused requests changed nothing").isEqualTo(200);
    }

    private void refused(Supplier<ApiCaller.Response> call, String action, int status, String slug, String principal) {
        Refusals.expectRefused(audit, call, status, slug, action, PROJECT, principal);
    }

    private ApiCaller.Response sign(String profile) {
        return ProfileApi.of(signer, PROJECT, profile).sign(List.of(Digests.random()));
    }

    private String handle(String key) {
        return server.bean(JdbcClient.class).sql("SELECT handle FROM signing_keys WHERE name = ?").param(key)
                .query(String.class).single();
    }

    private long softwareKeyRows(String handle) {
        return server.bean(JdbcClient.class).sql("SELECT COUNT(*) FROM software_key_material WHERE handle = ?")
                .param(handle).query(Long.class).single();
    }

    private static Map<String, Object> request(Instant timestamp) {
        return KeyStateBodies.request(timestamp, "test");
    }

    private static String keyPath(String key, String operation) {
        return ApiPaths.key(PROJECT, key, operation);
    }
}
