package io.inkan.server.ca;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.KeyActivations;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Projects;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.server.testkit.TestClock;
import io.inkan.server.web.ProblemResponses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * M-of-N key activation (K8) on an ordinary key: one custodian is not enough, the same custodian twice
 * counts once, the window expires and its uses run out, only the named custodians take part, and every
 * signature by the key, a CSR included, needs an open activation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyActivationTest {

    private static final String PROJECT = "vault";

    private final TestClock clock = new TestClock();
    private TestServer server;
    private Provisioning provisioning;
    private AuditExpectations audit;
    private Map<String, ApiCaller> custodians;
    private ApiCaller tokenCustodian;

    @BeforeAll
    void start(@TempDir Path dir) {
        TestPki pki = new TestPki("people-ca");
        server = TestServer.start(dir.resolve("server"),
                Map.of("inkan.mtls.trusted-cas[0]", pki.writeCertificate(dir.resolve("people-ca.pem")).toString()), clock);
        provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        custodians = Custodians.create(server, admin, pki, dir, PROJECT, "alice", "bob", "carol", "dave");
        tokenCustodian = provisioning.custodian(PROJECT);
        audit = new AuditExpectations(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void oneCustodianIsNotEnoughAndTheSameCustodianTwiceCountsOnce() {
        String key = key("two-of-three");
        setPolicy(key, 2, List.of("alice", "bob", "carol"), "PT10M", 2);
        assertNotActivated(key);

        JsonNode first = approve("alice", key, 200, "SUCCESS").json();
        assertThat(first.get("state").asString()).isEqualTo("pending");
        assertThat(first.get("approvedBy").toString()).contains("alice");
        assertNotActivated(key);

        ApiCaller.Response again = approve("alice", key, 403, "DENIED");
        assertThat(again.problemType()).isEqualTo("separation-of-duties");
        assertThat(custodians.get("alice").get(path(key, "activation")).json().get("approvedBy")).hasSize(1);
        assertNotActivated(key);

        ApiCaller.Response outsider = approve("dave", key, 403, "DENIED");
        assertThat(outsider.problemType()).isEqualTo("forbidden");

        JsonNode second = approve("carol", key, 200, "SUCCESS").json();
        assertThat(second.get("state").asString()).isEqualTo("active");
        assertThat(second.get("usesLeft").asInt()).isEqualTo(2);

        activations().requireActivated(signingKey(key));
        activations().requireActivated(signingKey(key));
        assertNotActivated(key);
        assertThat(custodians.get("bob").get(path(key, "activation")).json().get("state").asString()).isEqualTo("used-up");
    }

    @Test
    void theWindowExpires() {
        String key = key("short-window");
        setPolicy(key, 2, List.of("alice", "bob"), "PT2S", 100);
        approve("alice", key, 200, "SUCCESS");
        approve("bob", key, 200, "SUCCESS");
        activations().requireActivated(signingKey(key));
        clock.advance(Duration.ofMillis(2_500));
        assertNotActivated(key);
        assertThat(custodians.get("bob").get(path(key, "activation")).json().get("state").asString()).isEqualTo("inactive");

        approve("bob", key, 200, "SUCCESS");
        clock.advance(Duration.ofMillis(2_500));
        JsonNode lapsed = approve("alice", key, 200, "SUCCESS").json();
        assertThat(lapsed.get("state").asString()).as("bob's approval lapsed with its pending period").isEqualTo("pending");
        assertNotActivated(key);
    }

    /**
     * M-of-N on every path: a CSR is a signature by the key, so a key under an activation policy signs one
     * only inside an open activation, which it uses up like any other signature.
     */
    @Test
    void aCsrOfAKeyUnderAnActivationPolicyIsSignedOnlyInsideAnOpenActivation() {
        String key = key("csr-ceremony");
        setPolicy(key, 2, List.of("alice", "bob"), "PT10M", 1);

        ApiCaller.Response refused = csr(key, 409, "REJECTED");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problemType()).isEqualTo("key-not-activated");
        assertThat(refused.json().get("detail").asString()).contains("'" + key + "'").contains("M of N");
        approve("alice", key, 200, "SUCCESS");
        assertThat(csr(key, 409, "REJECTED").problemType()).as("one approval of two").isEqualTo("key-not-activated");

        approve("bob", key, 200, "SUCCESS");
        assertThat(csr(key, 200, "SUCCESS").json().get("csr").asString()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(custodians.get("bob").get(path(key, "activation")).json().get("state").asString()).isEqualTo("used-up");
        assertThat(csr(key, 409, "REJECTED").problemType()).as("the one use is spent").isEqualTo("key-not-activated");
    }

    @Test
    void aPolicyIsSetOnceNamesRegisteredPeopleAndOnlyTheyApprove() {
        String key = key("policy");
        ApiCaller custodian = tokenCustodian;
        expectPolicyRefusal(key, Map.of("required", 3, "custodians", List.of("alice", "bob"), "window", "PT1M", "maxUses", 1),
                400, "invalid-activation-policy");
        expectPolicyRefusal(key, Map.of("required", 1, "custodians", List.of("alice", "alice"), "window", "PT1M", "maxUses", 1),
                400, "invalid-activation-policy");
        expectPolicyRefusal(key, Map.of("required", 1, "custodians", List.of("alice"), "window", "forever", "maxUses", 1),
                400, "invalid-activation-policy");
        expectPolicyRefusal(key, Map.of("required", 1, "custodians", List.of("mallory"), "window", "PT1M", "maxUses", 1),
                404, "not-found");
        setPolicy(key, 1, List.of("alice"), "PT1M", 1);
        expectPolicyRefusal(key, Map.of("required", 1, "custodians", List.of("bob"), "window", "PT1M", "maxUses", 1),
                409, "activation-policy-exists");

        ApiCaller.Response token = audit.expectOne(() -> custodian.post(path(key, "activations"), Map.of()), 403,
                AuditAction.KEY_ACTIVATION_APPROVE.value(), "DENIED", PROJECT, "custodian-" + PROJECT).response();
        assertThat(token.problemType()).isEqualTo("forbidden");

        String plain = key("plain");
        assertThat(custodian.get(path(plain, "activation")).json().get("state").asString()).isEqualTo("not-required");
        activations().requireActivated(signingKey(plain));
        ApiCaller.Response none = approve("alice", plain, 409, "REJECTED");
        assertThat(none.problemType()).isEqualTo("activation-not-required");
    }

    private String key(String name) {
        ApiCaller custodian = tokenCustodian;
        audit.expectOne(() -> custodian.post("/api/v1/projects/" + PROJECT + "/keys",
                Map.of("name", name, "algorithm", KeyAlgorithm.EC_P256.name())), 201, AuditAction.KEY_CREATE.value(), "SUCCESS",
                PROJECT, "custodian-" + PROJECT);
        return name;
    }

    private void setPolicy(String key, int required, List<String> names, String window, int maxUses) {
        JsonNode view = audit.expectOne(() -> tokenCustodian.post(path(key, "activation-policy"), Map.of("required", required,
                        "custodians", names, "window", window, "maxUses", maxUses)), 200, AuditAction.KEY_ACTIVATION_POLICY.value(),
                "SUCCESS", PROJECT, "custodian-" + PROJECT).response().json();
        assertThat(view.get("state").asString()).isEqualTo("inactive");
        assertThat(view.get("required").asInt()).isEqualTo(required);
    }

    private void expectPolicyRefusal(String key, Map<String, ?> body, int status, String type) {
        ApiCaller.Response response = audit.expectOne(() -> tokenCustodian.post(path(key, "activation-policy"), body), status,
                AuditAction.KEY_ACTIVATION_POLICY.value(), "REJECTED", PROJECT, "custodian-" + PROJECT).response();
        assertThat(response.problemType()).isEqualTo(type);
    }

    private ApiCaller.Response approve(String who, String key, int status, String outcome) {
        return audit.expectOne(() -> custodians.get(who).post(path(key, "activations"), Map.of()), status,
                AuditAction.KEY_ACTIVATION_APPROVE.value(), outcome, PROJECT, who).response();
    }

    private ApiCaller.Response csr(String key, int status, String outcome) {
        return audit.expectOne(() -> tokenCustodian.post(path(key, "csr"), Map.of()), status, AuditAction.KEY_CSR.value(), outcome,
                PROJECT, "custodian-" + PROJECT).response();
    }

    private void assertNotActivated(String key) {
        assertThatThrownBy(() -> activations().requireActivated(signingKey(key)))
                .isInstanceOfSatisfying(Refusal.class, problem -> {
                    assertThat(problem.problem().slug()).isEqualTo("key-not-activated");
                    assertThat(ProblemResponses.status(problem.problem()).value()).isEqualTo(409);
                });
    }

    private KeyActivations activations() {
        return server.bean(KeyActivations.class);
    }

    private SigningKey signingKey(String name) {
        return server.bean(Keys.class).get(server.bean(Projects.class).get(PROJECT), name);
    }

    private static String path(String key, String suffix) {
        return ApiPaths.key(PROJECT, key, suffix);
    }
}
