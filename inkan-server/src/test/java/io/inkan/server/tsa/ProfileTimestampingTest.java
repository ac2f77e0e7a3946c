package io.inkan.server.tsa;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-profile timestamping (S3, S5): custodians choose the built-in or an external authority, signers
 * fetch time-stamps through the profile. The external authority is a second Inkan server's built-in TSA
 * behind a plain-HTTP front that fails on demand, so retries, recovery, giving up and garbage replies are
 * exercised against a real RFC 3161 server; every configuration change and every refusal is audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileTimestampingTest {

    private static final String BASE = "/api/v1/projects/app/profiles/";
    private static final int MAX_ATTEMPTS = 3;

    private TestServer server;
    private TestServer upstream;
    private FlakyTsa external;
    private TsaClient tsa;
    private ApiCaller custodian;
    private ApiCaller admin;
    private String signer;
    private AuditExpectations audit;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        upstream = TestServer.start(dir.resolve("upstream"));
        external = new FlakyTsa(upstream);
        Map<String, String> properties = new HashMap<>();
        properties.put("inkan.tsa.relay.max-attempts", Integer.toString(MAX_ATTEMPTS));
        properties.put("inkan.tsa.relay.initial-backoff", "20ms");
        properties.put("inkan.tsa.relay.burst", "10");
        properties.put("inkan.tsa.relay.per-profile-per-second", "0.2");
        properties.putAll(TestServer.LOOPBACK_RECEIVERS);
        server = TestServer.start(dir.resolve("server"), properties);
        tsa = new TsaClient(server);
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project("app");
        provisioning.project("other");
        for (String profile : List.of("app", "inhouse", "limited")) {
            provisioning.keyAndProfile("app", profile, KeyAlgorithm.EC_P256, "software");
        }
        custodian = provisioning.custodian("app");
        signer = provisioning.signerToken("app");
        admin = new ApiCaller(server, server.adminToken());
        audit = new AuditExpectations(server);
    }

    @AfterAll
    void stop() {
        external.close();
        server.close();
        upstream.close();
    }

    @Test
    void anExternalAuthorityIsRetriedUntilItRecoversAndItsTokenPassedBack() throws Exception {
        setTimestamping("app", Map.of("authority", "external", "url", external.url().toString()));
        JsonNode view = expect(custodian.as(signer).get(BASE + "app/timestamping"), 200).json();
        assertThat(view.get("authority").asString()).isEqualTo("external");
        assertThat(view.get("url").asString()).isEqualTo(external.url().toString());

        external.failNext(MAX_ATTEMPTS - 1);
        int before = external.received();
        TimeStampRequest query = query();
        TsaClient.Reply reply = tsa.post(BASE + "app/timestamp", query.getEncoded(), signer);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/timestamp-reply");
        assertThat(external.received() - before).isEqualTo(MAX_ATTEMPTS);
        TimeStampToken token = granted(reply, query);
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(certificate(upstream)));
    }

    @Test
    void anAuthorityFailingEveryTryIsAnAuditedBadGateway() throws Exception {
        setTimestamping("app", Map.of("authority", "external", "url", external.url().toString()));
        external.failNext(100);
        try {
            int before = external.received();
            byte[] query = query().getEncoded();
            AuditEntry entry = onlyNewRecord(() -> assertThat(tsa.post(BASE + "app/timestamp", query, signer).status())
                    .isEqualTo(502));
            assertThat(external.received() - before).isEqualTo(MAX_ATTEMPTS);
            assertThat(entry.action()).isEqualTo(AuditAction.TIMESTAMP.value());
            assertThat(entry.outcome()).isEqualTo("FAILED");
            assertThat(entry.detail()).contains("tsa-unavailable", "after 3 tries", "HTTP 503");
        } finally {
            external.failNext(0);
        }
        external.refuseWith(404);
        try {
            int before = external.received();
            TsaClient.Reply reply = tsa.post(BASE + "app/timestamp", query().getEncoded(), signer);
            assertThat(reply.status()).isEqualTo(502);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("after 1 try: it answered HTTP 404");
            assertThat(external.received() - before).as("a refusal the authority means is not retried").isEqualTo(1);
        } finally {
            external.refuseWith(0);
        }
        external.answerGarbage(true);
        try {
            TsaClient.Reply reply = tsa.post(BASE + "app/timestamp", query().getEncoded(), signer);
            assertThat(reply.status()).isEqualTo(502);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("urn:inkan:problem:tsa-unavailable",
                    "not a time-stamp reply");
        } finally {
            external.answerGarbage(false);
        }
    }

    @Test
    void theBuiltInAuthorityAnswersThroughTheProfile() throws Exception {
        setTimestamping("inhouse", Map.of("authority", "builtin"));
        TimeStampRequest query = query();
        TsaClient.Reply reply = tsa.post(BASE + "inhouse/timestamp", query.getEncoded(), signer);
        assertThat(reply.status()).isEqualTo(200);
        granted(reply, query).validate(new JcaSimpleSignerInfoVerifierBuilder().build(certificate(server)));
        TsaClient.Reply malformed = tsa.post(BASE + "inhouse/timestamp", new byte[]{0x30, 0x03, 1, 2, 3}, signer);
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(new TimeStampResponse(malformed.body()).getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    }

    @Test
    void aProfileWithoutTimestampingAndBadSettingsAreRefusedAndAudited() {
        setTimestamping("limited", Map.of("authority", "none"));
        AuditEntry refused = onlyNewRecord(() -> {
            TsaClient.Reply reply = tsa.post(BASE + "limited/timestamp", new byte[]{0x30, 0x00}, signer);
            assertThat(reply.status()).isEqualTo(409);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("timestamping-not-configured");
        });
        assertThat(refused.outcome()).isEqualTo("REJECTED");
        for (Map<String, String> bad : List.of(Map.of("authority", "external", "url", "file:///etc/passwd"),
                Map.of("authority", "external", "url", "https://user:secret@tsa.example.com/"),
                Map.of("authority", "external"),
                Map.of("authority", "builtin", "url", "http://tsa.example.com/"))) {
            audit.expectOne(() -> custodian.post(BASE + "limited/timestamping", bad), 400, AuditAction.PROFILE_TIMESTAMPING.value(),
                    "REJECTED", "app", "custodian-app");
        }
        ApiCaller.Response unknown = audit.expectOne(() -> custodian.post(BASE + "limited/timestamping",
                Map.of("authority", "sundial")), 400, AuditAction.PROFILE_TIMESTAMPING.value(), "REJECTED", "app", "custodian-app")
                .response();
        assertThat(unknown.problemType()).isEqualTo("invalid-tsa-authority");
        assertThat(expect(custodian.get(BASE + "limited/timestamping"), 200).json().get("authority").asString())
                .isEqualTo("none");
        audit.expectOne(() -> custodian.as(signer).post(BASE + "limited/timestamping", Map.of("authority", "builtin")),
                403, AuditAction.PROFILE_TIMESTAMPING.value(), "DENIED", "app", "signer-app");
        audit.expectOne(() -> admin.post(BASE + "limited/timestamping", Map.of("authority", "builtin")),
                403, AuditAction.PROFILE_TIMESTAMPING.value(), "DENIED", "app", "bootstrap-admin");
        assertThat(expect(custodian.get("/api/v1/projects/app/profiles/nope/timestamping"), 404).problemType())
                .isEqualTo("not-found");
        assertThat(tsa.post(BASE + "limited/timestamp", new byte[]{0x30, 0x00}, server.adminToken()).status())
                .isEqualTo(403);
    }

    @Test
    void aProfileOverItsRateIsToldToRetryLater() throws Exception {
        setTimestamping("limited", Map.of("authority", "builtin"));
        setTimestamping("inhouse", Map.of("authority", "builtin"));
        TsaClient.Reply limited = null;
        for (int i = 0; i < 30 && limited == null; i++) {
            TsaClient.Reply reply = tsa.post(BASE + "limited/timestamp", query().getEncoded(), signer);
            if (reply.status() == 429) {
                limited = reply;
            } else {
                assertThat(reply.status()).isEqualTo(200);
            }
        }
        assertThat(limited).as("429 within 30 queries at burst 10").isNotNull();
        assertThat(Integer.parseInt(limited.retryAfter())).isBetween(1, 5);
        assertThat(new String(limited.body(), StandardCharsets.UTF_8)).contains("urn:inkan:problem:rate-limited");
        assertThat(tsa.post(BASE + "inhouse/timestamp", query().getEncoded(), signer).status())
                .as("another profile has its own budget").isEqualTo(200);
    }

    private void setTimestamping(String profile, Map<String, String> body) {
        audit.expectOne(() -> custodian.post(BASE + profile + "/timestamping", body), 200,
                AuditAction.PROFILE_TIMESTAMPING.value(), "SUCCESS", "app", "custodian-app");
    }

    private AuditEntry onlyNewRecord(Runnable call) {
        long before = audit.lastSeq();
        call.run();
        List<AuditEntry> added = server.bean(AuditLog.class).recent(50).stream().filter(e -> e.seq() > before)
                .sorted(Comparator.comparingLong(AuditEntry::seq)).toList();
        assertThat(added).hasSize(1);
        return added.get(0);
    }

    private static TimeStampRequest query() {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        return generator.generate(TSPAlgorithms.SHA256, new SecureRandom().generateSeed(32),
                new BigInteger(64, new SecureRandom()));
    }

    private static TimeStampToken granted(TsaClient.Reply reply, TimeStampRequest query) throws Exception {
        TimeStampResponse response = new TimeStampResponse(reply.body());
        response.validate(query);
        assertThat(response.getTimeStampToken()).as(response.getStatusString()).isNotNull();
        return response.getTimeStampToken();
    }

    private static X509Certificate certificate(TestServer node) throws Exception {
        String pem = new TsaClient(node).get("/tsa/certificate");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
