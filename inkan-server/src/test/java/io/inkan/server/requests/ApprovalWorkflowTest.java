package io.inkan.server.requests;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TotpCodes;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.server.testkit.Refusals;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval workflow end to end against a real SMTP server and a real webhook receiver: requests,
 * M-of-N approval, separation of duties, level-2 approval, rejection, expiry with a reminder, release
 * windows, name patterns and rate limits. Every state-changing call is checked for its one audit record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalWorkflowTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkflowFixture fixture;

    @BeforeAll
    void start(@TempDir Path dir) {
        fixture = new WorkflowFixture(dir, database());
    }

    /** The database the server uses; the embedded H2 unless a subclass says otherwise. */
    Map<String, String> database() {
        return Map.of();
    }

    @AfterAll
    void stop() {
        fixture.close();
        afterServer();
    }

    /** Cleans up what {@link #database()} created, once the server is stopped. */
    void afterServer() {
    }

    @Test
    void twoApproversApproveARequestAnnouncedByEmailAndSignedWebhook() throws Exception {
        fixture.project("two", Map.of("approvalsRequired", 2));
        String webhookSecret = webhook("two");
        ApiCaller alice = fixture.person("alice-two", "two", "approver");
        ApiCaller bob = fixture.person("bob-two", "two", "approver");
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("two"));

        JsonNode request = create(signer, "signer-two", "two", "app-1.0.jar", "app-1.0.zip");
        String id = request.get("id").asString();
        assertThat(request.get("state").asString()).isEqualTo("requested");
        assertThat(request.get("items")).hasSize(2);

        MimeMessage toAlice = fixture.mailTo("alice-two@example.com", 1).get(0);
        assertThat(toAlice.getSubject()).contains("two").contains("approval requested");
        String body = GreenMailUtil.getBody(toAlice);
        assertThat(body).contains("https://inkan.example.com/api/v1/projects/two/requests/" + id)
                .contains("app-1.0.jar").contains("release 1.0").contains("inkan requests approve " + id);
        fixture.mailTo("bob-two@example.com", 1);

        WebhookReceiver.Call call = fixture.webhooks.next("request.requested", "two", WorkflowFixture.WAIT);
        assertThat(call.signature()).isEqualTo("sha256=" + HexFormat.of().formatHex(
                hmac(Base64.getDecoder().decode(webhookSecret), call.body())));
        JsonNode event = JSON.readTree(call.body());
        assertThat(event.get("request").get("id").asString()).isEqualTo(id);
        assertThat(event.get("request").get("artifacts").get(0).asString()).isEqualTo("app-1.0.jar");
        assertThat(hmac("wrong".getBytes(StandardCharsets.UTF_8), call.body()))
                .isNotEqualTo(HexFormat.of().parseHex(call.signature().substring(7)));

        JsonNode refusal = decide(signer, "signer-two", "two", id, "approve", Map.of(), 403, "DENIED", AuditAction.APPROVAL_APPROVE.value());
        assertThat(refusal.get("detail").asString()).contains("approver role");

        decide(alice, "alice-two", "two", id, "approve", Map.of("comment", "looks good"), 200, "SUCCESS", AuditAction.APPROVAL_APPROVE.value());
        JsonNode twice = decide(alice, "alice-two", "two", id, "approve", Map.of(), 403, "DENIED", AuditAction.APPROVAL_APPROVE.value());
        assertThat(twice.get("type").asString()).isEqualTo("urn:inkan:problem:separation-of-duties");
        JsonNode pending = fixture.admin.as(fixture.provisioning.signerToken("two")).get(path("two", id)).json();
        assertThat(pending.get("state").asString()).isEqualTo("requested");
        assertThat(pending.get("decisions")).hasSize(1);

        JsonNode approved = decide(bob, "bob-two", "two", id, "approve", Map.of(), 200, "SUCCESS", AuditAction.APPROVAL_APPROVE.value());
        assertThat(approved.get("state").asString()).isEqualTo("approved");
        assertThat(approved.get("decisions")).hasSize(2);
        assertThat(fixture.webhooks.next("request.approved", "two", WorkflowFixture.WAIT).body()).isNotEmpty();

        JsonNode late = decide(alice, "alice-two", "two", id, "reject", Map.of(), 409, "REJECTED", AuditAction.APPROVAL_REJECT.value());
        assertThat(late.get("type").asString()).isEqualTo("urn:inkan:problem:request-not-pending");

        JsonNode direct = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/two/profiles/release/sign",
                        signBody(request, null)), 403, AuditAction.SIGN.value(), "DENIED", "two", "signer-two").response().json();
        assertThat(direct.get("type").asString()).isEqualTo("urn:inkan:problem:approval-required");
        assertThat(direct.get("detail").asString()).contains("/api/v1/projects/two/requests");
        JsonNode forged = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/two/profiles/release/sign",
                        signBody(request, "inkan_sad_forged")), 403, AuditAction.SIGN.value(), "DENIED", "two", "signer-two")
                .response().json();
        assertThat(forged.get("type").asString()).isEqualTo("urn:inkan:problem:approval-required");

        ApiCaller otherSigner = fixture.admin.as(fixture.provisioning.signerToken("two"));
        JsonNode notRequester = fixture.audit.expectOne(() -> otherSigner
                .post(path("two", id) + "/sad", Map.of()), 403, AuditAction.SAD_ISSUE.value(), "DENIED", "two", "signer-two")
                .response().json();
        assertThat(notRequester.get("detail").asString()).contains("Only the requester");
        JsonNode sad = fixture.audit.expectOne(() -> signer.post(path("two", id) + "/sad", Map.of()), 201,
                AuditAction.SAD_ISSUE.value(), "SUCCESS", "two", "signer-two").response().json();
        assertThat(sad.get("count").asInt()).isEqualTo(2);

        long before = fixture.audit.lastSeq();
        ApiCaller.Response signed = signer.post("/api/v1/projects/two/profiles/release/sign",
                signBody(request, sad.get("sad").asString()));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        List<io.inkan.client.audit.AuditEntry> records = fixture.server.bean(io.inkan.server.audit.AuditLog.class)
                .recent(10).stream().filter(e -> e.seq() > before).toList();
        assertThat(records).extracting(io.inkan.client.audit.AuditEntry::action)
                .containsExactly(AuditAction.SIGNING_REQUEST_SIGNED.value(), AuditAction.SIGN.value());
        assertThat(records).allMatch(e -> e.outcome().equals("SUCCESS") && e.principal().contains("signer-two"));
        java.security.PublicKey key = java.security.KeyFactory.getInstance("EC").generatePublic(
                new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(signed.json().get("publicKey").asString())));
        for (int i = 0; i < 2; i++) {
            java.security.Signature verifier = java.security.Signature.getInstance("NONEwithECDSA");
            verifier.initVerify(key);
            verifier.update(Base64.getDecoder().decode(request.get("items").get(i).get("digest").asString()));
            assertThat(verifier.verify(Base64.getDecoder().decode(signed.json().get("signatures").get(i).asString())))
                    .as("signature %d verifies", i).isTrue();
        }
        assertThat(signer.get(path("two", id)).json().get("state").asString()).isEqualTo("signed");
        assertThat(fixture.audit.expectOne(() -> signer.post(path("two", id) + "/sad", Map.of()), 409,
                AuditAction.SAD_ISSUE.value(), "REJECTED", "two", "signer-two").response().problemType()).isEqualTo("sad-used");
        assertThat(fixture.webhooks.next("request.signed", "two", WorkflowFixture.WAIT)).isNotNull();
        JsonNode replay = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/two/profiles/release/sign",
                        signBody(request, sad.get("sad").asString())), 409, AuditAction.SIGN.value(), "REJECTED", "two", "signer-two")
                .response().json();
        assertThat(replay.get("type").asString()).startsWith("urn:inkan:problem:sad-");
    }

    private static Map<String, Object> signBody(JsonNode request, String sad) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("algorithm", "ECDSA_SHA256");
        List<Map<String, String>> items = new java.util.ArrayList<>();
        request.get("items").forEach(item -> items.add(Map.of("digest", item.get("digest").asString(),
                "artifact", item.get("artifact").asString())));
        body.put("items", items);
        if (sad != null) {
            body.put("sad", sad);
        }
        return body;
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        fixture.project("own", Map.of("approvalsRequired", 1));
        ApiCaller both = fixture.person("dana-own", "own", "signer", "approver");
        JsonNode request = create(both, "dana-own", "own", "tool.jar");
        JsonNode refusal = decide(both, "dana-own", "own", request.get("id").asString(), "approve", Map.of(), 403, "DENIED",
                AuditAction.APPROVAL_APPROVE.value());
        assertThat(refusal.get("type").asString()).isEqualTo("urn:inkan:problem:separation-of-duties");
        assertThat(refusal.get("detail").asString()).contains("own request");
    }

    @Test
    void oneRejectionEndsTheRequestAndTellsTheRequester() throws Exception {
        fixture.project("rej", Map.of("approvalsRequired", 2));
        ApiCaller carol = fixture.person("carol-rej", "rej", "approver");
        ApiCaller erin = fixture.person("erin-rej", "rej", "signer");
        String id = create(erin, "erin-rej", "rej", "lib.jar").get("id").asString();

        JsonNode rejected = decide(carol, "carol-rej", "rej", id, "reject", Map.of("comment", "not this one"), 200, "SUCCESS",
                AuditAction.APPROVAL_REJECT.value());
        assertThat(rejected.get("state").asString()).isEqualTo("rejected");
        assertThat(rejected.get("decisions").get(0).get("comment").asString()).isEqualTo("not this one");
        MimeMessage toRequester = fixture.mailTo("erin-rej@example.com", 1).get(0);
        assertThat(toRequester.getSubject()).contains("rejected");

        JsonNode again = decide(carol, "carol-rej", "rej", id, "approve", Map.of(), 409, "REJECTED", AuditAction.APPROVAL_APPROVE.value());
        assertThat(again.get("type").asString()).isEqualTo("urn:inkan:problem:request-not-pending");
    }

    @Test
    void anUndecidedRequestIsRemindedThenExpires() throws Exception {
        fixture.project("late", Map.of("approvalsRequired", 1, "requestTimeoutSeconds", 3, "reminderSeconds", 2));
        webhook("late");
        fixture.person("frank-late", "late", "approver");
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("late"));
        String id = create(signer, "signer-late", "late", "late.jar").get("id").asString();

        fixture.clock.advance(Duration.ofSeconds(2));
        List<MimeMessage> mails = fixture.mailTo("frank-late@example.com", 2);
        assertThat(mails.get(1).getSubject()).contains("reminder");
        fixture.clock.advance(Duration.ofSeconds(1));
        JsonNode waited = signer.get(path("late", id) + "?wait=10").json();
        assertThat(waited.get("state").asString()).isEqualTo("expired");
        assertThat(fixture.webhooks.next("request.expired", "late", WorkflowFixture.WAIT)).isNotNull();
        assertThat(recent(AuditAction.SIGNING_REQUEST_EXPIRE.value()).detail()).contains(id);
        assertThat(recent(AuditAction.SIGNING_REQUEST_REMIND.value()).detail()).contains(id);
    }

    @Test
    void levelTwoApprovalNeedsAFreshSecondFactor() throws Exception {
        fixture.project("lvl2", Map.of("approvalsRequired", 1, "approvalLevel", 2));
        ApiCaller grace = fixture.person("grace-lvl2", "lvl2", "approver");
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("lvl2"));
        String id = create(signer, "signer-lvl2", "lvl2", "fw.bin").get("id").asString();

        JsonNode without = decide(grace, "grace-lvl2", "lvl2", id, "approve", Map.of(), 403, "DENIED", AuditAction.APPROVAL_APPROVE.value());
        assertThat(without.get("type").asString()).isEqualTo("urn:inkan:problem:second-factor-required");
        String secret = grace.post("/api/v1/totp/enrolment", Map.of()).json().get("secret").asString();
        JsonNode wrong = decide(grace, "grace-lvl2", "lvl2", id, "approve", Map.of("otp", TotpCodes.wrong(fixture.totp(secret))),
                403, "DENIED", AuditAction.APPROVAL_APPROVE.value());
        assertThat(wrong.get("type").asString()).isEqualTo("urn:inkan:problem:second-factor-refused");

        JsonNode approved = decide(grace, "grace-lvl2", "lvl2", id, "approve", Map.of("otp", fixture.totp(secret)), 200, "SUCCESS",
                AuditAction.APPROVAL_APPROVE.value());
        assertThat(approved.get("state").asString()).isEqualTo("approved");
        assertThat(approved.get("decisions").get(0).get("secondFactor").asBoolean()).isTrue();
    }

    @Test
    void aLevelTwoProfileSignsOnlyAfterLevelTwoApprovals() throws Exception {
        fixture.project("l2p", Map.of());
        ApiCaller custodian = fixture.provisioning.custodian("l2p");
        fixture.audit.expectOne(() -> custodian.post("/api/v1/projects/l2p/profiles",
                        Map.of("name", "strict", "key", "release", "authorizationLevel", 2)), 201,
                AuditAction.PROFILE_CREATE.value(), "SUCCESS", "l2p", "custodian-l2p");
        String policy = "/api/v1/projects/l2p/profiles/strict/policy";
        assertThat(fixture.audit.expectOne(() -> custodian.put(policy, Map.of("approvalsRequired", 1)), 400,
                AuditAction.POLICY_SET.value(), "REJECTED", "l2p", "custodian-l2p").response().json().get("detail").asString())
                .contains("level 2");
        fixture.audit.expectOne(() -> custodian.put(policy, Map.of("approvalsRequired", 1, "approvalLevel", 2)), 200,
                AuditAction.POLICY_SET.value(), "SUCCESS", "l2p", "custodian-l2p");

        ApiCaller lee = fixture.person("lee-l2p", "l2p", "approver");
        String secret = lee.post("/api/v1/totp/enrolment", Map.of()).json().get("secret").asString();
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("l2p"));
        Map<String, Object> body = new LinkedHashMap<>(requestBody("strict.bin"));
        body.put("profile", "strict");
        JsonNode request = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/l2p/requests", body), 201,
                AuditAction.SIGNING_REQUEST_CREATE.value(), "SUCCESS", "l2p", "signer-l2p").response().json();
        String id = request.get("id").asString();
        decide(lee, "lee-l2p", "l2p", id, "approve", Map.of("otp", fixture.totp(secret)), 200, "SUCCESS", AuditAction.APPROVAL_APPROVE.value());
        String sad = fixture.audit.expectOne(() -> signer.post(path("l2p", id) + "/sad", Map.of()), 201,
                AuditAction.SAD_ISSUE.value(), "SUCCESS", "l2p", "signer-l2p").response().json().get("sad").asString();
        ApiCaller.Response signed = signer.post("/api/v1/projects/l2p/profiles/strict/sign", signBody(request, sad));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signer.get(path("l2p", id)).json().get("state").asString()).isEqualTo("signed");
    }

    @Test
    void aReleaseWindowAllowsItsDigestsThenRefuses() {
        fixture.project("win", Map.of("approvalsRequired", 1,
                "releaseWindow", Map.of("maxDigests", 3, "durationSeconds", 600)));
        ApiCaller henry = fixture.person("henry-win", "win", "approver");
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("win"));
        JsonNode none = sign(signer, "win", 2, 403, "DENIED");
        assertThat(none.get("type").asString()).isEqualTo("urn:inkan:problem:release-window-required");

        Map<String, Object> ask = Map.of("profile", "release", "reason", "release 2.0 train");
        String id = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/win/requests", ask), 201,
                AuditAction.SIGNING_REQUEST_CREATE.value(), "SUCCESS", "win", "signer-win").response().json().get("id").asString();
        JsonNode approved = decide(henry, "henry-win", "win", id, "approve", Map.of(), 200, "SUCCESS", AuditAction.APPROVAL_APPROVE.value());
        assertThat(approved.get("kind").asString()).isEqualTo("window");
        assertThat(approved.get("windowClosesAt").isNull()).isFalse();

        sign(signer, "win", 2, 200, "SUCCESS");
        JsonNode tooMany = sign(signer, "win", 2, 409, "REJECTED");
        assertThat(tooMany.get("type").asString()).isEqualTo("urn:inkan:problem:release-window-exhausted");
        sign(signer, "win", 1, 200, "SUCCESS");
        assertThat(sign(signer, "win", 1, 409, "REJECTED").get("type").asString())
                .isEqualTo("urn:inkan:problem:release-window-exhausted");
        assertThat(signer.get(path("win", id)).json().get("windowUsed").asInt()).isEqualTo(3);
    }

    @Test
    void artifactNamesOutsideThePatternsAreRefused() {
        fixture.project("names", Map.of("namePatterns", List.of("app-*.jar", "app-*.zip")));
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("names"));
        String ok = Digests.sha256Base64("fine");
        fixture.audit.expectOne(() -> signer.post("/api/v1/projects/names/profiles/release/sign",
                Map.of("algorithm", "ECDSA_SHA256", "items", List.of(Map.of("digest", ok, "artifact", "app-1.jar")))),
                200, AuditAction.SIGN.value(), "SUCCESS", "names", "signer-names");
        JsonNode refused = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/names/profiles/release/sign",
                Map.of("algorithm", "ECDSA_SHA256", "items", List.of(Map.of("digest", ok, "artifact", "app-1.jar"),
                        Map.of("digest", ok, "artifact", "evil.exe")))),
                403, AuditAction.SIGN.value(), "DENIED", "names", "signer-names").response().json();
        assertThat(refused.get("type").asString()).isEqualTo("urn:inkan:problem:artifact-name-not-allowed");
        assertThat(refused.get("detail").asString()).contains("evil.exe");
        JsonNode unnamed = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/names/profiles/release/sign",
                Map.of("algorithm", "ECDSA_SHA256", "items", List.of(Map.of("digest", ok)))),
                403, AuditAction.SIGN.value(), "DENIED", "names", "signer-names").response().json();
        assertThat(unnamed.get("type").asString()).isEqualTo("urn:inkan:problem:artifact-name-not-allowed");

        fixture.setPolicy("names", Map.of("approvalsRequired", 1, "namePatterns", List.of("app-*.jar")));
        JsonNode request = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/names/requests",
                        requestBody("notes.txt")), 403, AuditAction.SIGNING_REQUEST_CREATE.value(), "DENIED", "names", "signer-names")
                .response().json();
        assertThat(request.get("type").asString()).isEqualTo("urn:inkan:problem:artifact-name-not-allowed");
    }

    @Test
    void aRateLimitAnswers429WithRetryAfter() {
        fixture.project("rate", Map.of("rateLimit", Map.of("calls", 2, "periodSeconds", 3600)));
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("rate"));
        sign(signer, "rate", 1, 200, "SUCCESS");
        sign(signer, "rate", 1, 200, "SUCCESS");
        long before = fixture.audit.lastSeq();
        ApiCaller.Response limited = signer.post("/api/v1/projects/rate/profiles/release/sign",
                Map.of("algorithm", "ECDSA_SHA256", "items", List.of(Map.of("digest", Digests.sha256Base64("3")))));
        Refusals.assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 3600L);
        assertThat(fixture.audit.lastSeq()).isEqualTo(before + 1);
        assertThat(recent(AuditAction.SIGN.value()).outcome()).isEqualTo("REJECTED");
    }

    @Test
    void policiesAreSetByCustodiansOnlyAndValidated() {
        fixture.project("pol", Map.of("approvalsRequired", 2, "approvalLevel", 2));
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("pol"));
        JsonNode shown = signer.get("/api/v1/projects/pol/profiles/release/policy").json();
        assertThat(shown.get("approvalsRequired").asInt()).isEqualTo(2);
        assertThat(shown.get("approvalLevel").asInt()).isEqualTo(2);
        fixture.audit.expectOne(() -> signer.put("/api/v1/projects/pol/profiles/release/policy",
                Map.of("approvalsRequired", 0)), 403, AuditAction.POLICY_SET.value(), "DENIED", "pol", "signer-pol");
        fixture.audit.expectOne(() -> fixture.admin.put("/api/v1/projects/pol/profiles/release/policy",
                Map.of("approvalsRequired", 0)), 403, AuditAction.POLICY_SET.value(), "DENIED", "pol", "bootstrap-admin");
        JsonNode invalid = fixture.audit.expectOne(() -> fixture.provisioning.custodian("pol").put(
                        "/api/v1/projects/pol/profiles/release/policy", Map.of("approvalsRequired", 0, "approvalLevel", 2)),
                400, AuditAction.POLICY_SET.value(), "REJECTED", "pol", "custodian-pol").response().json();
        assertThat(invalid.get("type").asString()).isEqualTo("urn:inkan:problem:invalid-policy");
        assertThat(signer.get("/api/v1/projects/pol/profiles/release/policy").json().get("approvalLevel").asInt())
                .as("a refused policy changes nothing").isEqualTo(2);
        assertThat(fixture.admin.as(fixture.provisioning.signerToken("pol")).get("/api/v1/projects/other/requests")
                .status()).isEqualTo(404);
    }

    @Test
    void aFailingWebhookIsRetriedRecordedAndDoesNotHoldUpTheRequest() throws Exception {
        fixture.project("hook", Map.of("approvalsRequired", 1));
        webhook("hook");
        ApiCaller ivy = fixture.person("ivy-hook", "hook", "approver");
        ApiCaller signer = fixture.admin.as(fixture.provisioning.signerToken("hook"));
        fixture.webhooks.answer(500);
        try {
            String id = create(signer, "signer-hook", "hook", "h.jar").get("id").asString();
            assertThat(decide(ivy, "ivy-hook", "hook", id, "approve", Map.of(), 200, "SUCCESS", AuditAction.APPROVAL_APPROVE.value())
                    .get("state").asString()).isEqualTo("approved");
            // Both deliveries (request.requested, request.approved) give up before the test ends, so neither
            // record lands while a later test counts the records of its own calls.
            Instant deadline = Instant.now().plus(WorkflowFixture.WAIT);
            while (failedDeliveries("hook").size() < 2) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(100);
            }
            assertThat(failedDeliveries("hook")).hasSize(2).extracting(io.inkan.client.audit.AuditEntry::detail)
                    .allSatisfy(detail -> assertThat(detail).contains("HTTP 500").contains("3 attempt"))
                    .anySatisfy(detail -> assertThat(detail).startsWith("request.requested webhook"))
                    .anySatisfy(detail -> assertThat(detail).startsWith("request.approved webhook"));
        } finally {
            fixture.webhooks.answer(204);
        }
    }

    @Test
    void webhooksAndEmailAddressesAreManagedAndRecorded() {
        fixture.project("mgmt", Map.of());
        ApiCaller custodian = fixture.provisioning.custodian("mgmt");
        String secret = webhook("mgmt");
        JsonNode listed = custodian.get("/api/v1/projects/mgmt/webhooks").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("secret").isNull()).as("the secret is shown once").isTrue();
        assertThat(fixture.server.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT secret_encrypted FROM webhooks").query((rs, row) -> rs.getBytes(1)).list())
                .noneMatch(stored -> java.util.Arrays.equals(stored, Base64.getDecoder().decode(secret)));
        String id = listed.get(0).get("id").asString();
        fixture.audit.expectOne(() -> custodian.delete("/api/v1/projects/mgmt/webhooks/" + id), 204,
                AuditAction.WEBHOOK_DELETE.value(), "SUCCESS", "mgmt", "custodian-mgmt");
        fixture.audit.expectOne(() -> custodian.delete("/api/v1/projects/mgmt/webhooks/" + id), 404,
                AuditAction.WEBHOOK_DELETE.value(), "REJECTED", "mgmt", "custodian-mgmt");
        assertThat(fixture.audit.expectOne(() -> custodian.post("/api/v1/projects/mgmt/webhooks",
                        Map.of("url", "ftp://example.com/x")), 400, AuditAction.WEBHOOK_CREATE.value(), "REJECTED", "mgmt",
                "custodian-mgmt").response().problemType()).isEqualTo("invalid-webhook-url");

        fixture.person("kim-mgmt", "mgmt", "approver");
        assertThat(fixture.audit.expectOne(() -> fixture.admin.put("/api/v1/principals/kim-mgmt/email",
                        Map.of("email", "Kim <kim@example.com>, eve@example.com")), 400, AuditAction.PRINCIPAL_EMAIL.value(),
                "REJECTED", null, "bootstrap-admin").response().problemType()).isEqualTo("invalid-email");
        fixture.audit.expectOne(() -> fixture.admin.put("/api/v1/principals/kim-mgmt/email", "{\"email\": null}"),
                204, AuditAction.PRINCIPAL_EMAIL.value(), "SUCCESS", null, "bootstrap-admin");
    }

    private String webhook(String project) {
        return fixture.audit.expectOne(() -> fixture.provisioning.custodian(project).post("/api/v1/projects/" + project
                        + "/webhooks", Map.of("url", fixture.webhooks.url().toString())), 201, AuditAction.WEBHOOK_CREATE.value(),
                "SUCCESS", project, "custodian-" + project).response().json().get("secret").asString();
    }

    private JsonNode create(ApiCaller signer, String who, String project, String... artifacts) {
        return fixture.audit.expectOne(() -> signer.post("/api/v1/projects/" + project + "/requests", requestBody(artifacts)),
                201, AuditAction.SIGNING_REQUEST_CREATE.value(), "SUCCESS", project, who).response().json();
    }

    private static Map<String, Object> requestBody(String... artifacts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", "release");
        body.put("algorithm", "ECDSA_SHA256");
        body.put("items", java.util.Arrays.stream(artifacts)
                .map(a -> Map.of("artifact", a, "digest", Digests.sha256Base64(a), "size", 1234)).toList());
        body.put("reason", "release 1.0");
        body.put("ciRunUrl", "https://ci.example.com/runs/42");
        body.put("commit", "0123456789abcdef");
        return body;
    }

    private JsonNode decide(ApiCaller approver, String who, String project, String id, String decision,
                            Map<String, Object> body, int status, String outcome, String action) {
        return fixture.audit.expectOne(() -> approver.post(path(project, id) + "/" + decision, body), status, action,
                outcome, project, who).response().json();
    }

    private JsonNode sign(ApiCaller signer, String project, int count, int status, String outcome) {
        List<Map<String, String>> items = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(Map.of("digest", Digests.sha256Base64(project + i + System.nanoTime()), "artifact", "a" + i + ".jar"));
        }
        return fixture.audit.expectOne(() -> signer.post("/api/v1/projects/" + project + "/profiles/release/sign",
                Map.of("algorithm", "ECDSA_SHA256", "items", items)), status, AuditAction.SIGN.value(), outcome, project, "signer-" + project)
                .response().json();
    }

    private io.inkan.client.audit.AuditEntry recent(String action) {
        return fixture.server.bean(io.inkan.server.audit.AuditLog.class).recent(200).stream()
                .filter(e -> e.action().equals(action)).findFirst().orElseThrow();
    }

    private List<io.inkan.client.audit.AuditEntry> failedDeliveries(String project) {
        return fixture.server.bean(io.inkan.server.audit.AuditLog.class).recent(200).stream()
                .filter(e -> e.action().equals(AuditAction.NOTIFICATION_FAILED.value()) && project.equals(e.project())).toList();
    }

    private static String path(String project, String id) {
        return ApiPaths.request(project, id);
    }

    private static byte[] hmac(byte[] key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(body);
    }
}
