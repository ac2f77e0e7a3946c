package io.inkan.server.sam;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.Keys;
import io.inkan.server.projects.Projects;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;
import io.inkan.server.testkit.Refusals;
import io.inkan.server.testkit.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signature activation data through the API (M2, M3, M4): a SAD signs exactly its digests once, and every
 * replay or misuse is refused with its own problem type, signs nothing, and leaves its refusal in the
 * audit trail. Also the Java API the approval workflow uses to issue SADs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SadReplayTest {

    private static final String PROJECT = "sad";

    private final TestClock clock = new TestClock();
    private TestServer server;
    private AuditExpectations audit;
    private String signerSecret;
    private ApiCaller signer;
    private ApiCaller otherSigner;
    private ProfileApi release;
    private PublicKey publicKey;
    private PublicKey edwardsKey;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(dataDir, Map.of("inkan.sam.sad-ttl", "2s"), clock);
        audit = new AuditExpectations(server);
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        JsonNode key = provisioning.keyAndProfile(PROJECT, "release", KeyAlgorithm.EC_P256, "software");
        edwardsKey = Provisioning.publicKey(provisioning.keyAndProfile(PROJECT, "edwards", KeyAlgorithm.ED25519,
                "software"), KeyAlgorithm.ED25519);
        publicKey = Provisioning.publicKey(key, KeyAlgorithm.EC_P256);
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        signerSecret = provisioning.signerToken(PROJECT);
        signer = admin.as(signerSecret);
        otherSigner = admin.as(provisioning.token(PROJECT, "signer"));
        release = ProfileApi.of(signer, PROJECT, "release");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSadSignsItsDigestsOnceAndTheReplayIsRefused() throws Exception {
        List<byte[]> digests = Digests.random(3);
        String sad = authorize(signer, digests);
        JsonNode signed = expect(release.sign(digests, sad), 200).json();
        assertThat(signed.get("signatures")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(verifies(digests.get(i), signed.get("signatures").get(i).asString())).isTrue();
        }
        refused(() -> release.sign(digests, sad), 409, "sad-consumed");
    }

    @Test
    void aModifiedDigestIsNotCovered() {
        List<byte[]> digests = Digests.random(2);
        String sad = authorize(signer, digests);
        List<byte[]> modified = new ArrayList<>(digests);
        byte[] changed = digests.get(1).clone();
        changed[0] ^= 1;
        modified.set(1, changed);
        refused(() -> release.sign(modified, sad), 403, "sad-digest-not-covered");
        // nothing was reserved: the genuine digests still sign
        expect(release.sign(digests, sad), 200);
    }

    @Test
    void anExtraDigestIsNotCovered() {
        List<byte[]> digests = Digests.random(2);
        String sad = authorize(signer, digests);
        List<byte[]> more = new ArrayList<>(digests);
        more.add(Digests.random(1).get(0));
        refused(() -> release.sign(more, sad), 403, "sad-digest-not-covered");
    }

    @Test
    void anotherPrincipalsSadIsRefused() {
        List<byte[]> digests = Digests.random(1);
        String sad = authorize(signer, digests);
        refused(() -> release.as(otherSigner).sign(digests, sad), 403, "sad-foreign");
    }

    @Test
    void anExpiredSadIsRefused() {
        List<byte[]> digests = Digests.random(1);
        String sad = authorize(signer, digests);
        clock.advance(Duration.ofMillis(2_100));
        refused(() -> release.sign(digests, sad), 403, "sad-expired");
    }

    @Test
    void anUnknownSadIsRefused() {
        refused(() -> release.sign(Digests.random(1), "inkan_sad_" + "A".repeat(43)), 403, "sad-invalid");
    }

    @Test
    void renewalChainsAndAnOldLinkIsRefused() {
        List<byte[]> digests = Digests.random(3);
        String first = authorize(signer, digests);
        JsonNode one = expect(release.signRenewing(digests.subList(0, 1), first), 200).json();
        String second = one.get("nextSad").get("sad").asString();
        assertThat(one.get("nextSad").get("count").asInt()).isEqualTo(2);
        refused(() -> release.signRenewing(digests.subList(1, 2), first), 409, "sad-consumed");
        JsonNode two = expect(release.signRenewing(digests.subList(1, 2), second), 200).json();
        String third = two.get("nextSad").get("sad").asString();
        refused(() -> release.signRenewing(digests.subList(2, 3), second), 409, "sad-consumed");
        JsonNode three = expect(release.signRenewing(digests.subList(2, 3), third), 200).json();
        assertThat(three.get("nextSad").isNull()).isTrue();
        refused(() -> release.sign(digests.subList(2, 3), third), 409, "sad-consumed");
    }

    @Test
    void fiftyParallelRequestsWithOneSadSignOnce() throws Exception {
        List<byte[]> digests = Digests.random(1);
        String sad = authorize(signer, digests);
        long before = audit.lastSeq();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<ApiCaller.Response>> responses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 50; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return release.sign(digests, sad);
                }));
            }
            start.countDown();
            int signed = 0;
            for (Future<ApiCaller.Response> response : responses) {
                ApiCaller.Response done = response.get();
                if (done.status() == 200) {
                    signed++;
                    assertThat(verifies(digests.get(0), done.json().get("signatures").get(0).asString())).isTrue();
                } else {
                    assertThat(done.status()).isEqualTo(409);
                    assertThat(done.problemType()).isIn("sad-consumed", "sad-digest-used");
                }
            }
            assertThat(signed).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        List<AuditEntry> records = server.bean(AuditLog.class).recent(100).stream().filter(e -> e.seq() > before).toList();
        assertThat(records).hasSize(50);
        assertThat(records.stream().filter(e -> e.action().equals(AuditAction.SIGN.value()) && e.outcome().equals("SUCCESS")))
                .hasSize(1);
    }

    @Test
    void theWorkflowIssuesASadInsideItsTransaction() throws Exception {
        List<byte[]> digests = Digests.random(2);
        Keys keys = server.bean(Keys.class);
        long keyId = keys.get(server.bean(Projects.class).get(PROJECT), "release").id();
        String signerId = server.bean(JdbcClient.class).sql("SELECT id FROM api_tokens WHERE secret_hash = ?")
                .param(MessageDigest.getInstance("SHA-256").digest(signerSecret.getBytes(StandardCharsets.UTF_8)))
                .query(String.class).single();
        IssuedSad issued = server.bean(TransactionTemplate.class).execute(status -> server.bean(SignatureActivation.class)
                .issue(new SadGrant(signerId, keyId, SignatureAlgorithm.ECDSA_SHA256, digests, 1,
                        List.of("approval:42"), Duration.ofMinutes(1))));
        assertThat(issued.count()).isEqualTo(2);
        assertThat(issued.sad()).startsWith("inkan_sad_");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(issued.sad().getBytes());
        assertThat(server.bean(JdbcClient.class).sql("SELECT COUNT(*) FROM signature_activations WHERE sad_hash = ?")
                .param(hash).query(Long.class).single()).isEqualTo(1);
        JsonNode signed = expect(release.sign(digests, issued.sad()), 200).json();
        assertThat(verifies(digests.get(0), signed.get("signatures").get(0).asString())).isTrue();
    }

    @Test
    void pureEd25519DataIsAuthorizedAndSignedOnce() throws Exception {
        byte[] data = "signed attributes, at most 1 KiB".getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getEncoder().encodeToString(data);
        String sad = expect(release.profile("edwards").algorithm(SignatureAlgorithm.ED25519)
                .authorizeEncoded(List.of(encoded), null), 201).json().get("sad").asString();
        Map<String, Object> body = Map.of("algorithm", "ED25519", "items", List.of(Map.of("data", encoded)), "sad", sad);
        JsonNode signed = expect(signer.post(ApiPaths.profile(PROJECT, "edwards", "sign"), body), 200).json();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(edwardsKey);
        verifier.update(data);
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.get("signatures").get(0).asString()))).isTrue();
        ApiCaller.Response replay = signer.post(ApiPaths.profile(PROJECT, "edwards", "sign"), body);
        assertThat(replay.problemType()).isEqualTo("sad-consumed");
    }

    @Test
    void theJavaApiRefusesGrantsItCannotHonour() {
        long keyId = server.bean(Keys.class).get(server.bean(Projects.class).get(PROJECT), "release").id();
        SignatureActivation activations = server.bean(SignatureActivation.class);
        TransactionTemplate transactions = server.bean(TransactionTemplate.class);
        byte[] digest = Digests.random(1).get(0);
        Map<String, SadGrant> invalid = Map.of(
                "duplicate-digest", new SadGrant("p", keyId, SignatureAlgorithm.ECDSA_SHA256, List.of(digest, digest), 1,
                        List.of("login:token"), null),
                "digest-length", new SadGrant("p", keyId, SignatureAlgorithm.ECDSA_SHA256, List.of(new byte[20]), 1,
                        List.of("login:token"), null),
                "invalid-level", new SadGrant("p", keyId, SignatureAlgorithm.ECDSA_SHA256, List.of(digest), 3,
                        List.of("login:token"), null),
                "invalid-ttl", new SadGrant("p", keyId, SignatureAlgorithm.ECDSA_SHA256, List.of(digest), 1,
                        List.of("login:token"), Duration.ofDays(2)),
                "invalid-factors", new SadGrant("p", keyId, SignatureAlgorithm.ECDSA_SHA256, List.of(digest), 1,
                        List.of("a,b"), null),
                "algorithm-key-mismatch", new SadGrant("p", keyId, SignatureAlgorithm.ED25519, List.of(digest), 1,
                        List.of("login:token"), null),
                "invalid-sad-size", new SadGrant("p", keyId, SignatureAlgorithm.ECDSA_SHA256, List.of(), 1,
                        List.of("login:token"), null));
        invalid.forEach((slug, grant) -> assertThatThrownBy(() -> transactions.execute(status -> activations.issue(grant)))
                .as(slug).isInstanceOfSatisfying(Refusal.class, problem -> assertThat(problem.problem().slug()).isEqualTo(slug)));
    }

    // --- helpers ---

    private String authorize(ApiCaller caller, List<byte[]> digests) {
        JsonNode sad = audit.expectOne(() -> release.as(caller).authorize(digests), 201, AuditAction.SAD_ISSUE.value(),
                "SUCCESS", PROJECT, "signer-" + PROJECT).response().json();
        assertThat(sad.get("count").asInt()).isEqualTo(digests.size());
        return sad.get("sad").asString();
    }

    /** Expects the refusal, exactly one DENIED/REJECTED sign record naming the problem, and no signature in it. */
    private void refused(Supplier<ApiCaller.Response> call, int status, String slug) {
        AuditExpectations.Recorded recorded = Refusals.expectRefused(audit, call, status, slug, AuditAction.SIGN.value(),
                PROJECT, "signer-" + PROJECT);
        assertThat(recorded.entry().detail()).contains(slug);
        assertThat(recorded.response().body()).doesNotContain("signatures");
    }

    private boolean verifies(byte[] digest, String signature) throws Exception {
        Signature verifier = Signature.getInstance("NONEwithECDSA");
        verifier.initVerify(publicKey);
        verifier.update(digest);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

}
