package io.inkan.server.requests;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.core.SignatureAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How approval and key authorization meet (issue 15): release windows on a level-2 profile, the
 * {@code /authorize} refusal on a profile that signs only approved requests, and collecting the SAD of
 * an approved request again after a lost answer, until it is used or expires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovedSigningTest {

    private static final String SAD_TTL_SECONDS = "4";

    private WorkflowFixture fixture;

    @BeforeAll
    void start(@TempDir Path dir) {
        fixture = new WorkflowFixture(dir, Map.of("inkan.sam.sad-ttl", SAD_TTL_SECONDS + "s"));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void releaseWindowsWorkOnLevelTwoProfiles() {
        fixture.project("w2", Map.of());
        ApiCaller custodian = fixture.provisioning.custodian("w2");
        expect(custodian.post("/api/v1/projects/w2/profiles", Map.of("name", "strict", "key", "release",
                "authorizationLevel", 2)), 201);
        Map<String, Object> window = Map.of("maxDigests", 3, "durationSeconds", 600);
        JsonNode levelOne = expect(custodian.put("/api/v1/projects/w2/profiles/strict/policy",
                Map.of("approvalsRequired", 1, "releaseWindow", window)), 400).json();
        assertThat(levelOne.get("type").asString()).isEqualTo("urn:inkan:problem:invalid-policy");
        expect(custodian.put("/api/v1/projects/w2/profiles/strict/policy", Map.of("approvalsRequired", 1,
                "approvalLevel", 2, "releaseWindow", window)), 200);
        ApiCaller approver = fixture.person("ann-w2", "w2", "approver");
        String approverSecret = expect(approver.post("/api/v1/totp/enrolment", Map.of()), 201).json()
                .get("secret").asString();
        ApiCaller machine = fixture.admin.as(fixture.provisioning.signerToken("w2"));
        ApiCaller person = fixture.person("sid-w2", "w2", "signer");
        String signerSecret = expect(person.post("/api/v1/totp/enrolment", Map.of()), 201).json().get("secret").asString();

        String first = Digests.sha256Base64("w2-one");
        JsonNode closed = fixture.audit.expectOne(() -> machine.post("/api/v1/projects/w2/profiles/strict/sign",
                signBody(List.of(first), null)), 403, AuditAction.SIGN.value(), "DENIED", "w2", "signer-w2").response().json();
        assertThat(closed.get("type").asString()).isEqualTo("urn:inkan:problem:release-window-required");
        String id = expect(machine.post("/api/v1/projects/w2/requests", Map.of("profile", "strict", "reason", "train 3")),
                201).json().get("id").asString();
        expect(approver.post(path("w2", id) + "/approve", Map.of("otp", fixture.totp(approverSecret))), 200);

        var signed = fixture.audit.expectOne(() -> machine.post("/api/v1/projects/w2/profiles/strict/sign",
                signBody(List.of(first), null)), 200, AuditAction.SIGN.value(), "SUCCESS", "w2", "signer-w2");
        assertThat(signed.entry().data()).contains("\"authorizationLevel\":2").contains("\"activation\":\"window\"")
                .contains(id);

        String second = Digests.sha256Base64("w2-two");
        String sad = fixture.audit.expectOne(() -> person.post("/api/v1/projects/w2/profiles/strict/authorize",
                        Map.of("algorithm", "ECDSA_SHA256", "digests", List.of(second),
                                "otp", fixture.totp(signerSecret))), 201, AuditAction.SAD_ISSUE.value(), "SUCCESS", "w2", "sid-w2")
                .response().json().get("sad").asString();
        fixture.audit.expectOne(() -> person.post("/api/v1/projects/w2/profiles/strict/sign",
                signBody(List.of(second), sad)), 200, AuditAction.SIGN.value(), "SUCCESS", "w2", "sid-w2");
        assertThat(machine.get(path("w2", id)).json().get("windowUsed").asInt()).isEqualTo(2);
    }

    @Test
    void authorizeOnAnApprovalGatedProfileIsRefusedWithAPreciseProblem() {
        fixture.project("gate", Map.of("approvalsRequired", 1));
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("gate"));
        long before = countSads();
        JsonNode refusal = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/gate/profiles/release/authorize",
                        Map.of("algorithm", "ECDSA_SHA256", "digests", List.of(Digests.sha256Base64("gate")))),
                403, AuditAction.SAD_ISSUE.value(), "DENIED", "gate", "signer-gate").response().json();
        assertThat(refusal.get("type").asString()).isEqualTo("urn:inkan:problem:approval-required");
        assertThat(refusal.get("detail").asString()).contains("/api/v1/projects/gate/requests");
        assertThat(countSads()).isEqualTo(before);
    }

    @Test
    void theRequesterCollectsTheSadOfAnApprovedRequestAgainUntilItIsUsed() {
        fixture.project("again", Map.of("approvalsRequired", 1));
        ApiCaller approver = fixture.person("amy-again", "again", "approver");
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("again"));
        ApiCaller otherSigner = fixture.admin.as(fixture.provisioning.signerToken("again"));
        List<String> digests = List.of(Digests.sha256Base64("again-1"), Digests.sha256Base64("again-2"));
        String id = approvedRequest(signer, approver, "again", digests);

        JsonNode lost = collect(signer, "again", id, 201, "SUCCESS").json();
        JsonNode second = collect(signer, "again", id, 201, "SUCCESS").json();
        assertThat(second.get("sad").asString()).isNotEqualTo(lost.get("sad").asString());
        assertThat(second.get("count").asInt()).isEqualTo(2);
        assertThat(second.get("expiresAt").asString()).isEqualTo(lost.get("expiresAt").asString());
        assertThat(collect(otherSigner, "again", id, 403, "DENIED").body()).contains("Only the requester");

        String current = collect(signer, "again", id, 201, "SUCCESS").json().get("sad").asString();
        for (String replaced : List.of(lost.get("sad").asString(), second.get("sad").asString())) {
            JsonNode refused = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/again/profiles/release/sign",
                    signBody(digests, replaced)), 409, AuditAction.SIGN.value(), "REJECTED", "again", "signer-again").response().json();
            assertThat(refused.get("type").asString()).isEqualTo("urn:inkan:problem:sad-consumed");
        }
        expect(signer.post("/api/v1/projects/again/profiles/release/sign", signBody(digests.subList(0, 1), current)), 200);
        assertThat(collect(signer, "again", id, 409, "REJECTED").problemType()).isEqualTo("sad-used");
        fixture.audit.expectOne(() -> signer.post("/api/v1/projects/again/profiles/release/sign",
                signBody(digests.subList(1, 2), current)), 200, AuditAction.SIGN.value(), "SUCCESS", "again", "signer-again");
        assertThat(collect(signer, "again", id, 409, "REJECTED").problemType()).isEqualTo("sad-used");
    }

    @Test
    void theRequesterCannotCollectTheSadAgainOnceItExpired() throws Exception {
        fixture.project("late", Map.of("approvalsRequired", 1));
        ApiCaller approver = fixture.person("abe-late", "late", "approver");
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("late"));
        List<String> digests = List.of(Digests.sha256Base64("late"));
        String id = approvedRequest(signer, approver, "late", digests);
        String sad = collect(signer, "late", id, 201, "SUCCESS").json().get("sad").asString();
        fixture.clock.advance(Duration.ofSeconds(Long.parseLong(SAD_TTL_SECONDS)).plusMillis(200));
        assertThat(collect(signer, "late", id, 409, "REJECTED").problemType()).isEqualTo("sad-expired");
        JsonNode refused = signer.post("/api/v1/projects/late/profiles/release/sign", signBody(digests, sad)).json();
        assertThat(refused.get("type").asString()).isEqualTo("urn:inkan:problem:sad-expired");
    }

    @Test
    void collectingTheSadAgainWhileItIsUsedSignsTheBatchOnce() throws Exception {
        fixture.project("race", Map.of("approvalsRequired", 1));
        SadCollectionRace race = new SadCollectionRace("race",
                List.of(fixture.admin.as(fixture.provisioning.signerToken("race"))),
                fixture.admin.as(fixture.provisioning.token("race", "approver")));
        for (int round = 0; round < 3; round++) {
            race.round();
        }
    }

    private String approvedRequest(ApiCaller signer, ApiCaller approver, String project, List<String> digests) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", "release");
        body.put("algorithm", "ECDSA_SHA256");
        body.put("items", digests.stream().map(d -> Map.of("artifact", "app-" + digests.indexOf(d) + ".jar", "digest", d))
                .toList());
        body.put("reason", "release");
        String id = expect(signer.post("/api/v1/projects/" + project + "/requests", body), 201).json().get("id").asString();
        expect(approver.post(path(project, id) + "/approve", Map.of()), 200);
        return id;
    }

    private ApiCaller.Response collect(ApiCaller caller, String project, String id, int status, String outcome) {
        return fixture.audit.expectOne(() -> caller.post(path(project, id) + "/sad", Map.of()), status, AuditAction.SAD_ISSUE.value(),
                outcome, project, "signer-" + project).response();
    }

    private long countSads() {
        return fixture.server.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM signature_activations").query(Long.class).single();
    }

    private static Map<String, Object> signBody(List<String> digests, String sad) {
        return ProfileApi.signBody(SignatureAlgorithm.ECDSA_SHA256, digests, sad, false);
    }

    private static String path(String project, String id) {
        return ApiPaths.request(project, id);
    }
}
