package io.inkan.server.tsa;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.TestServer;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public RFC 3161 endpoint checked by OpenSSL, the reference verifier: replies verify against the
 * published TSA certificate with and without nonce, for SHA-256 and SHA-384 imprints, and show the
 * configured policy and accuracy; malformed, unsupported and oversized queries get rejection replies;
 * a client over its rate gets 429 with Retry-After (last: all tests share one client address).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuiltInTsaTest {

    private static final String POLICY = "1.3.6.1.4.1.99999.3161.1";

    @TempDir
    static Path dir;
    private static TestServer server;
    private static TsaClient client;
    private static Path openssl;

    @BeforeAll
    static void start() {
        openssl = ExternalTools.require("openssl");
        server = TestServer.start(dir.resolve("server"), Map.of("inkan.tsa.policy-oid", POLICY,
                "inkan.tsa.accuracy", "1500ms", "inkan.tsa.burst", "60", "inkan.tsa.per-client-per-second", "0.5"));
        client = new TsaClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void opensslVerifiesRepliesWithAndWithoutNonceForSha256AndSha384() throws Exception {
        Path certificate = Files.writeString(dir.resolve("tsa.pem"), client.get("/tsa/certificate"));
        Path data = Files.write(dir.resolve("artifact.bin"), new SecureRandom().generateSeed(4096));
        for (String digest : List.of("-sha256", "-sha384")) {
            for (boolean nonce : List.of(true, false)) {
                String name = digest.substring(1) + (nonce ? "-nonce" : "-no-nonce");
                Path query = dir.resolve(name + ".tsq");
                List<String> makeQuery = new ArrayList<>(List.of(openssl.toString(), "ts", "-query", "-data",
                        data.toString(), digest, "-cert", "-out", query.toString()));
                if (!nonce) {
                    makeQuery.add("-no_nonce");
                }
                assertThat(ExternalTools.run(makeQuery).exitCode()).isZero();
                TsaClient.Reply reply = client.post("/tsa", Files.readAllBytes(query), null);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.contentType()).isEqualTo("application/timestamp-reply");
                Path response = Files.write(dir.resolve(name + ".tsr"), reply.body());

                ExternalTools.Result verified = ExternalTools.run(List.of(openssl.toString(), "ts", "-verify",
                        "-data", data.toString(), "-in", response.toString(), "-CAfile", certificate.toString()));
                assertThat(verified.output()).as(name).contains("Verification: OK");
                ExternalTools.Result againstQuery = ExternalTools.run(List.of(openssl.toString(), "ts", "-verify",
                        "-queryfile", query.toString(), "-in", response.toString(), "-CAfile", certificate.toString()));
                assertThat(againstQuery.output()).as(name + " against its query (nonce echo)").contains("Verification: OK");

                String text = ExternalTools.run(List.of(openssl.toString(), "ts", "-reply", "-in", response.toString(),
                        "-text")).output();
                assertThat(text).contains("Status: Granted.", "Policy OID: " + POLICY,
                        "Accuracy: 0x01 seconds, 0x01F4 millis, unspecified micros");
                if (nonce) {
                    String queryText = ExternalTools.run(List.of(openssl.toString(), "ts", "-query", "-in",
                            query.toString(), "-text")).output();
                    assertThat(nonceLine(text)).isEqualTo(nonceLine(queryText)).doesNotContain("unspecified");
                } else {
                    assertThat(nonceLine(text)).isEqualTo("Nonce: unspecified");
                }
            }
        }
        Path tampered = Files.write(dir.resolve("tampered.bin"), new byte[]{1, 2, 3});
        ExternalTools.Result wrongData = ExternalTools.run(List.of(openssl.toString(), "ts", "-verify", "-data",
                tampered.toString(), "-in", dir.resolve("sha256-nonce.tsr").toString(), "-CAfile", certificate.toString()));
        assertThat(wrongData.output()).doesNotContain("Verification: OK");
    }

    @Test
    void malformedUnsupportedAndOversizedQueriesGetRejectionReplies() throws Exception {
        assertRejected(client.post("/tsa", "not a time-stamp query".getBytes(), null), 200, PKIFailureInfo.badDataFormat);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        assertRejected(client.post("/tsa", generator.generate(OIWObjectIdentifiers.idSHA1, new byte[20]).getEncoded(),
                null), 200, PKIFailureInfo.badAlg);
        assertRejected(client.post("/tsa", generator.generate(TSPAlgorithms.SHA256, new byte[31]).getEncoded(), null),
                200, PKIFailureInfo.badDataFormat);
        TimeStampRequestGenerator otherPolicy = new TimeStampRequestGenerator();
        otherPolicy.setReqPolicy(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"));
        assertRejected(client.post("/tsa", otherPolicy.generate(TSPAlgorithms.SHA256, new byte[32],
                BigInteger.ONE).getEncoded(), null), 200, PKIFailureInfo.unacceptedPolicy);
        assertRejected(client.post("/tsa", new byte[5000], null), 413, PKIFailureInfo.badRequest);
        assertRejected(client.post("/tsa", "application/json", new byte[]{0x30, 0x00}), 415, PKIFailureInfo.badRequest);
        assertRejected(client.post("/tsa", "no media type", new byte[]{0x30, 0x00}), 415, PKIFailureInfo.badRequest);
    }

    @Test
    @Order(Integer.MAX_VALUE) // exhausts the one client address's bucket
    void aClientOverItsRateIsToldToRetryLater() throws Exception {
        byte[] query = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded();
        TsaClient.Reply limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            TsaClient.Reply reply = client.post("/tsa", query, null);
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        assertThat(limited).as("a 429 within 200 requests at burst 60").isNotNull();
        assertThat(Integer.parseInt(limited.retryAfter())).isBetween(1, 2);
        assertRejected(limited, 429, PKIFailureInfo.badRequest);
    }

    @Test
    void timestampsLeaveNoAuditRecordsButTheKeyCreationIsRecorded() throws Exception {
        io.inkan.server.audit.AuditLog log = server.bean(io.inkan.server.audit.AuditLog.class);
        assertThat(log.recent(1000)).filteredOn(e -> e.action().equals(AuditAction.TSA_KEY_CREATE.value())).hasSize(1)
                .allSatisfy(e -> assertThat(e.principal()).isEqualTo("system"));
        long before = log.recent(1).get(0).seq();
        client.post("/tsa", new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded(), null);
        assertThat(log.recent(1).get(0).seq()).isEqualTo(before);
    }

    private static String nonceLine(String text) {
        return text.lines().map(String::trim).filter(l -> l.startsWith("Nonce:")).findFirst().orElse("");
    }

    private static void assertRejected(TsaClient.Reply reply, int httpStatus, int failInfo) throws Exception {
        assertThat(reply.status()).isEqualTo(httpStatus);
        assertThat(reply.contentType()).isEqualTo("application/timestamp-reply");
        TimeStampResponse response = new TimeStampResponse(reply.body());
        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(failInfo);
        assertThat(response.getTimeStampToken()).isNull();
    }
}
