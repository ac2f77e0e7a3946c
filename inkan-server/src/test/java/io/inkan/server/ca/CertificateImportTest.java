package io.inkan.server.ca;

import com.sun.net.httpserver.HttpServer;
import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.server.testkit.Refusals;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing a chain from an outside CA (K5): each kind of bad chain refused with its own problem type
 * and nothing stored; a good one returned with every signature, and a CMS signature made with it
 * verified by {@code openssl cms}; then the expiry check warning once, in the audit trail, the log and
 * the metric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class CertificateImportTest {

    private static final String PROJECT = "shop";
    private static final String KEY = "release";

    private final ExternalCa trusted = new ExternalCa("Trusted Code Signing CA");
    private final ExternalCa stranger = new ExternalCa("Unknown CA");
    private Path dir;
    private TestServer server;
    private AuditExpectations audit;
    private ApiCaller custodian;
    private ApiCaller signer;
    private PublicKey publicKey;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Path anchor = Pems.write(dir.resolve("anchor.pem"), List.of(trusted.certificate()));
        server = TestServer.start(dir.resolve("server"), Map.of("inkan.ca.trust-anchors[0]", anchor.toString(),
                "inkan.ca.expiry-horizon", "30d", "inkan.outbound.allowed-networks[0]", "127.0.0.0/8"));
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        JsonNode key = provisioning.keyAndProfile(PROJECT, KEY, KeyAlgorithm.EC_P256, "software");
        publicKey = Provisioning.publicKey(key, KeyAlgorithm.EC_P256);
        custodian = provisioning.custodian(PROJECT);
        signer = custodian.as(provisioning.signerToken(PROJECT));
        audit = new AuditExpectations(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void badChainsAreRefusedEachWithItsOwnProblemAndNothingIsStored() {
        String before = custodian.get(keyPath("")).body();
        Instant now = Instant.now();
        Instant inAYear = now.plus(Duration.ofDays(365));

        refused(List.of(trusted.issue(ExternalCa.randomPublicKey(), KeyPurposeId.id_kp_codeSigning, now.minusSeconds(60),
                inAYear), trusted.certificate()), "certificate-key-mismatch");
        refused(List.of(stranger.issue(publicKey, KeyPurposeId.id_kp_codeSigning, now.minusSeconds(60), inAYear),
                stranger.certificate()), "certificate-untrusted");
        refused(List.of(trusted.issue(publicKey, KeyPurposeId.id_kp_clientAuth, now.minusSeconds(60), inAYear),
                trusted.certificate()), "certificate-not-code-signing");
        refused(List.of(trusted.issue(publicKey, null, now.minusSeconds(60), inAYear)), "certificate-not-code-signing");
        refused(List.of(trusted.issue(publicKey, KeyPurposeId.id_kp_codeSigning, now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(1))), trusted.certificate()), "certificate-expired");
        refusedBody(Map.of("chain", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"),
                "invalid-certificate-chain");
        refusedBody(Map.of(), "invalid-certificate-chain");

        assertThat(custodian.get(keyPath("")).body()).as("nothing stored").isEqualTo(before);
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        String pem = Pems.pem(List.of(trusted.issue(publicKey, KeyPurposeId.id_kp_codeSigning, now, inAYear)));
        audit.expectOne(() -> admin.post(keyPath("certificate"), Map.of("chain", pem)), 403,
                AuditAction.KEY_CERTIFICATE_IMPORT.value(), "DENIED", PROJECT, "bootstrap-admin");
    }

    @Test
    void anImportedChainSignsVerifiesWithOpensslAndIsWatchedForExpiry(CapturedOutput output) throws Exception {
        ExternalTools.require("openssl");
        Instant now = Instant.now();
        X509Certificate leaf = trusted.issue(publicKey, KeyPurposeId.id_kp_codeSigning, now.minusSeconds(60),
                now.plus(Duration.ofDays(10)));
        JsonNode imported = audit.expectOne(() -> custodian.post(keyPath("certificate"), Map.of("chain",
                        Pems.pem(List.of(leaf)))), 200, AuditAction.KEY_CERTIFICATE_IMPORT.value(), "SUCCESS", PROJECT,
                "custodian-" + PROJECT).response().json();
        assertThat(Pems.chain(imported.get("certificateChain"))).as("completed with the trust anchor")
                .containsExactly(leaf, trusted.certificate());

        byte[] content = new byte[10_000];
        new SecureRandom().nextBytes(content);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new RemoteSigner(), leaf));
        generator.addCertificates(new JcaCertStore(List.of(leaf)));
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
        Path data = Files.write(dir.resolve("data.bin"), content);
        Path signature = Files.write(dir.resolve("data.p7s"), signed.getEncoded());
        ExternalTools.Result verified = ExternalTools.run(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", signature.toString(), "-content", data.toString(), "-purpose", "any",
                "-CAfile", dir.resolve("anchor.pem").toString(), "-out", dir.resolve("out.bin").toString()));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verification successful");

        BlockingQueue<String> webhookBodies = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        expect(custodian.post("/api/v1/projects/" + PROJECT + "/webhooks",
                Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")), 201);

        CertificateExpiry expiry = server.bean(CertificateExpiry.class);
        long before = audit.lastSeq();
        assertThat(expiry.check()).isEqualTo(1);
        List<AuditEntry> records = server.bean(AuditLog.class).recent(10).stream().filter(e -> e.seq() > before).toList();
        assertThat(records).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.KEY_CERTIFICATE_EXPIRY.value());
            assertThat(entry.project()).isEqualTo(PROJECT);
            assertThat(entry.detail()).contains("key '" + KEY + "'").contains("warning horizon");
        });
        assertThat(output.getOut()).contains("certificate of key '" + KEY + "' expires at");
        try {
            String delivered = webhookBodies.poll(20, TimeUnit.SECONDS);
            assertThat(delivered).as("the project's webhook hears of it").isNotNull()
                    .contains("\"event\":\"certificate.expiring\"").contains("\"key\":\"" + KEY + "\"");
        } finally {
            receiver.stop(0);
        }
        assertThat(expiry.check()).as("warned once per certificate").isZero();
        double days = server.bean(MeterRegistry.class).get("inkan.certificate.expiry.days").gauge().value();
        assertThat(days).as("the soonest expiry, this certificate's").isBetween(9.9, 10.0);
        assertThat(custodian.as(null).get("/actuator/prometheus").body()).contains("inkan_certificate_expiry_days ")
                .doesNotContain("project=\"" + PROJECT, "key=\"" + KEY);
    }

    private void refused(List<X509Certificate> chain, String type) {
        refusedBody(Map.of("chain", Pems.pem(chain)), type);
    }

    private void refusedBody(Map<String, ?> body, String type) {
        Refusals.expectRefused(audit, () -> custodian.post(keyPath("certificate"), body), 400, type,
                AuditAction.KEY_CERTIFICATE_IMPORT.value(), PROJECT, "custodian-" + PROJECT);
    }

    private static String keyPath(String suffix) {
        return ApiPaths.key(PROJECT, KEY, suffix);
    }

    /** Signs the CMS signed attributes through the hash-signing API, as Inkan's clients do. */
    private final class RemoteSigner implements ContentSigner {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        }

        @Override
        public OutputStream getOutputStream() {
            return buffer;
        }

        @Override
        public byte[] getSignature() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(buffer.toByteArray());
                JsonNode response = expect(signer.post("/api/v1/projects/" + PROJECT + "/profiles/" + KEY + "/sign",
                        Map.of("algorithm", "ECDSA_SHA256", "items",
                                List.of(Map.of("digest", Base64.getEncoder().encodeToString(digest))))), 200).json();
                assertThat(response.get("certificateChain")).hasSize(2);
                return Base64.getDecoder().decode(response.get("signatures").get(0).asString());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
