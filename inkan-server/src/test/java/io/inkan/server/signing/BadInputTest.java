package io.inkan.server.signing;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Refusals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every documented refusal of the signing API: the documented status and problem type, nothing
 * signed, and the refusal recorded as an event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String SIGN = "/api/v1/projects/alpha/profiles/ec/sign";
    private static final String DIGEST = Base64.getEncoder().encodeToString(new byte[32]);

    TestServer server;
    ApiCaller admin;
    ApiCaller signer;
    ApiCaller otherSigner;
    AuditLog audit;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir, Map.of("inkan.signing.max-batch-size", "5",
                "inkan.signing.max-request-bytes", "4096"));
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project("alpha");
        provisioning.project("beta");
        provisioning.keyAndProfile("alpha", "ec", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile("alpha", "ed", KeyAlgorithm.ED25519, "software");
        provisioning.keyAndProfile("beta", "ec", KeyAlgorithm.EC_P256, "software");
        signer = admin.as(provisioning.signerToken("alpha"));
        otherSigner = admin.as(provisioning.signerToken("beta"));
        audit = server.bean(AuditLog.class);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void malformedJson() {
        refused(() -> signer.post(SIGN, "{\"algorithm\": \"ECDSA_SHA256\", \"items\": [ {"), 400, "malformed-request",
                "not valid JSON", Outcome.REJECTED);
    }

    @Test
    void unknownField() {
        refused(() -> signer.post(SIGN, "{\"algorithm\": \"ECDSA_SHA256\", \"items\": [], \"sneaky\": 1}"), 400,
                "malformed-request", "Unknown field 'sneaky'", Outcome.REJECTED);
    }

    @Test
    void wrongFieldType() {
        refused(() -> signer.post(SIGN, "{\"algorithm\": \"ECDSA_SHA256\", \"items\": \"nope\"}"), 400,
                "malformed-request", "items", Outcome.REJECTED);
    }

    @Test
    void unknownProfile() {
        refused(() -> signer.post("/api/v1/projects/alpha/profiles/nope/sign", request("ECDSA_SHA256", DIGEST)), 404,
                "not-found", "Profile 'nope' does not exist", Outcome.REJECTED);
    }

    @Test
    void digestLengthNotMatchingTheAlgorithm() {
        String sha1Sized = Base64.getEncoder().encodeToString(new byte[20]);
        refused(() -> signer.post(SIGN, request("ECDSA_SHA256", sha1Sized)), 400, "digest-length",
                "items[0].digest has 20 bytes; SHA-256 digests have 32", Outcome.REJECTED);
        refused(() -> signer.post(SIGN, request("ECDSA_SHA384", DIGEST)), 400, "digest-length",
                "SHA-384 digests have 48", Outcome.REJECTED);
    }

    @Test
    void unsupportedAlgorithm() {
        refused(() -> signer.post(SIGN, request("DSA_SHA1", DIGEST)), 400, "unknown-algorithm",
                "algorithm must be one of", Outcome.REJECTED);
    }

    @Test
    void algorithmOutsideTheProfile() {
        refused(() -> signer.post(SIGN, request("RSA_PKCS1_SHA256", DIGEST)), 400, "algorithm-not-allowed",
                "Profile 'ec' allows", Outcome.REJECTED);
    }

    @Test
    void invalidBase64() {
        refused(() -> signer.post(SIGN, request("ECDSA_SHA256", "%%%not-base64%%%")), 400, "invalid-base64",
                "items[0].digest is not base64", Outcome.REJECTED);
    }

    @Test
    void emptyBatch() {
        refused(() -> signer.post(SIGN, Map.of("algorithm", "ECDSA_SHA256", "items", List.of())), 400, "empty-batch",
                "at least one", Outcome.REJECTED);
    }

    @Test
    void batchAboveTheLimit() {
        List<Map<String, String>> items = Collections.nCopies(6, Map.of("digest", DIGEST));
        refused(() -> signer.post(SIGN, Map.of("algorithm", "ECDSA_SHA256", "items", items)), 413, "batch-too-large",
                "at most 5 items, this one has 6", Outcome.REJECTED);
    }

    @Test
    void bodyTooLargeWithContentLength() {
        String huge = "{\"algorithm\": \"ECDSA_SHA256\", \"items\": [], \"pad\": \"" + "x".repeat(5000) + "\"}";
        refused(() -> signer.post(SIGN, huge), 413, "request-too-large", "limit of 4096 bytes", Outcome.REJECTED);
    }

    @Test
    void bodyTooLargeWhenStreamed() {
        byte[] huge = ("{\"algorithm\": \"ECDSA_SHA256\", \"items\": [], \"pad\": \"" + "x".repeat(5000) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        refused(() -> signer.postChunked(SIGN, huge), 413, "request-too-large", "limit of 4096 bytes", Outcome.REJECTED);
    }

    @Test
    void pureEd25519InputTooLong() {
        String tooLong = Base64.getEncoder().encodeToString(new byte[1025]);
        refused(() -> signer.post("/api/v1/projects/alpha/profiles/ed/sign",
                        Map.of("algorithm", "ED25519", "items", List.of(Map.of("data", tooLong)))), 400, "data-length",
                "signs 1 to 1024", Outcome.REJECTED);
    }

    @Test
    void digestForPureEd25519() {
        refused(() -> signer.post("/api/v1/projects/alpha/profiles/ed/sign", request("ED25519", DIGEST)), 400,
                "invalid-item", "must carry 'data'", Outcome.REJECTED);
    }

    @Test
    void notJson() {
        refused(() -> signer.post(SIGN, "text/plain", "sign this"), 415, "unsupported-media-type", "",
                Outcome.REJECTED);
    }

    @Test
    void administratorsCannotSign() {
        refused(() -> admin.post(SIGN, request("ECDSA_SHA256", DIGEST)), 403, "forbidden",
                "administrators cannot sign", Outcome.DENIED);
    }

    @Test
    void anotherProjectsSignerSeesNothing() {
        refused(() -> otherSigner.post(SIGN, request("ECDSA_SHA256", DIGEST)), 404, "not-found",
                "Project 'alpha' does not exist", Outcome.REJECTED);
        refused(() -> otherSigner.get("/api/v1/projects/alpha/keys"), 404, "not-found", "Project 'alpha'",
                Outcome.REJECTED);
    }

    @Test
    void signersCannotAdminister() {
        refused(() -> signer.post("/api/v1/projects/alpha/keys", Map.of("name", "x", "algorithm", "EC_P256")), 403,
                "forbidden", "custodian role", Outcome.DENIED);
        refused(() -> signer.post("/api/v1/projects", Map.of("name", "x")), 403,
                "forbidden", "administrator role", Outcome.DENIED);
    }

    @Test
    void missingOrGarbageCredentials() {
        refused(() -> signer.as(null).post(SIGN, request("ECDSA_SHA256", DIGEST)), 401, "unauthorized",
                "A valid credential is required", Outcome.DENIED);
        refused(() -> signer.as("inkan_" + "A".repeat(43)).post(SIGN, request("ECDSA_SHA256", DIGEST)), 401,
                "unauthorized", "A valid credential is required", Outcome.DENIED);
        refused(() -> signer.as("garbage\u00e9").get("/api/v1/projects"), 401, "unauthorized", "", Outcome.DENIED);
    }

    @Test
    void aValidRequestStillSigns() {
        assertThat(expect(signer.post(SIGN, request("ECDSA_SHA256", DIGEST)), 200).json().get("signatures").size())
                .isEqualTo(1);
    }

    private void refused(Supplier<ApiCaller.Response> call, int status, String type, String detail, Outcome outcome) {
        long signaturesBefore = successfulSignatures();
        long eventsBefore = audit.recent(1).get(0).seq();
        ApiCaller.Response response = Refusals.assertProblem(call.get(), status, type);
        assertThat(response.json().path("detail").asString()).contains(detail);
        assertThat(successfulSignatures()).as("nothing signed").isEqualTo(signaturesBefore);
        List<AuditEntry> recorded = audit.recent(5).stream().filter(e -> e.seq() > eventsBefore).toList();
        assertThat(recorded).as("refusal recorded").anySatisfy(event -> {
            assertThat(event.outcome()).isEqualTo(outcome.name());
            assertThat(event.detail()).contains("-> " + status + " urn:inkan:problem:" + type);
        });
    }

    private long successfulSignatures() {
        return audit.recent(10_000).stream()
                .filter(e -> e.action().equals("sign") && e.outcome().equals(Outcome.SUCCESS.name())).count();
    }

    private static Map<String, Object> request(String algorithm, String digest) {
        return Map.of("algorithm", algorithm, "items", List.of(Map.of("digest", digest)));
    }
}
