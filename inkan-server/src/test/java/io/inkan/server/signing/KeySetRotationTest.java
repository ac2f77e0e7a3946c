package io.inkan.server.signing;

import io.inkan.client.keys.Pkcs12Key;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.KeyImports;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key sets and rotation (K7) through the HTTPS API: a profile signs with its current key; after each
 * rotation (to a generated and to an imported key, and back) the earlier signatures still verify with
 * openssl against the unauthenticated published certificate bundle; the set lists every key with its
 * state; rotation is custodian-only, refused precisely otherwise, and every call is audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeySetRotationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SET = "/api/v1/projects/rot/profiles/release/keys";
    private static final String ROTATE = "/api/v1/projects/rot/profiles/release/rotate";
    private static final String BUNDLE = "/published/projects/rot/profiles/release/certificates.pem";

    private Path dir;
    private TestServer server;
    private ApiCaller custodian;
    private ApiCaller signer;
    private ApiCaller auditor;
    private ApiCaller outsider;
    private AuditExpectations audit;
    private final List<Signed> signed = new ArrayList<>();

    private record Signed(String key, Path artifact, Path signature) {
    }

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        server = TestServer.start(dir.resolve("server"));
        Provisioning provisioning = Provisioning.audited(server);
        audit = new AuditExpectations(server);
        provisioning.project("rot");
        provisioning.project("other");
        custodian = provisioning.custodian("rot");
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        signer = admin.as(provisioning.signerToken("rot"));
        auditor = admin.as(provisioning.token("rot", "auditor"));
        outsider = provisioning.custodian("other");
        for (String key : List.of("k1", "k2", "rsa")) {
            audit.expectOne(() -> custodian.post("/api/v1/projects/rot/keys",
                            Map.of("name", key, "algorithm", key.equals("rsa") ? "RSA_2048" : "EC_P256")), 201,
                    AuditAction.KEY_CREATE.value(), "SUCCESS", "rot", "custodian-rot");
        }
        audit.expectOne(() -> custodian.post("/api/v1/projects/rot/profiles", Map.of("name", "release", "key", "k1",
                "allowedAlgorithms", List.of("ECDSA_SHA256"))), 201, AuditAction.PROFILE_CREATE.value(), "SUCCESS", "rot",
                "custodian-rot");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void signaturesFromBeforeAndAfterEachRotationVerifyAgainstThePublishedCertificates() throws Exception {
        JsonNode initial = expect(signer.get(SET), 200).json();
        assertThat(initial.get("currentKey").asString()).isEqualTo("k1");
        assertThat(initial.get("keys")).hasSize(1);
        sign("k1");

        JsonNode afterFirst = rotate("k2");
        assertThat(states(afterFirst)).containsExactly("k2=CURRENT", "k1=RETIRED");
        assertThat(afterFirst.get("keys").get(1).get("retiredAt").isNull()).isFalse();
        sign("k2");

        Pkcs12Key imported = Pkcs12Key.load(KeyImports.opensslPkcs12(dir, "imported", "ec", "pw"), "pw".toCharArray());
        Map<String, Object> importBody = importBody(imported);
        audit.expectOne(() -> custodian.post("/api/v1/projects/rot/keys/import", importBody), 201,
                AuditAction.KEY_IMPORT.value(), "SUCCESS", "rot", "custodian-rot");
        JsonNode afterImport = rotate("imported");
        assertThat(states(afterImport)).containsExactly("imported=CURRENT", "k2=RETIRED", "k1=RETIRED");
        assertThat(afterImport.get("keys").get(0).get("origin").asString()).isEqualTo("IMPORTED");
        assertThat(afterImport.get("keys").get(1).get("origin").asString()).isEqualTo("GENERATED");
        sign("imported");

        JsonNode back = rotate("k1");
        assertThat(states(back)).containsExactly("k1=CURRENT", "imported=RETIRED", "k2=RETIRED");
        assertThat(back.get("keys").get(0).get("retiredAt").isNull()).isTrue();
        sign("k1");

        // Read by every principal of the project, with public keys, fingerprints and certificates.
        for (ApiCaller reader : List.of(signer, auditor, custodian)) {
            JsonNode set = expect(reader.get(SET), 200).json();
            assertThat(states(set)).containsExactly("k1=CURRENT", "imported=RETIRED", "k2=RETIRED");
            for (JsonNode member : set.get("keys")) {
                assertThat(member.get("fingerprint").asString()).hasSize(64);
                assertThat(member.get("certificateChain")).hasSize(1);
                assertThat(member.get("keyState").asString()).isEqualTo("ACTIVE");
            }
        }
        assertThat(expect(signer.get("/api/v1/projects/rot/profiles/release"), 200).json().get("key").asString())
                .as("the profile names its current key").isEqualTo("k1");

        // The bundle verifiers fetch without any credential holds every key of the set.
        ApiCaller.Response bundle = expect(signer.as(null).get(BUNDLE), 200);
        assertThat(bundle.contentType()).startsWith("application/x-pem-file");
        List<X509Certificate> published = certificates(bundle.body());
        assertThat(published).hasSize(3);
        Path bundleFile = Files.writeString(dir.resolve("bundle.pem"), bundle.body());
        assertThat(bundleFile).isNotEmptyFile();

        Path openssl = ExternalTools.require("openssl");
        JsonNode set = expect(signer.get(SET), 200).json();
        for (Signed item : signed) {
            Path publicKey = publishedPublicKey(openssl, set, item.key(), published);
            ExternalTools.Result verified = ExternalTools.run(List.of(openssl.toString(), "dgst", "-sha256", "-verify",
                    publicKey.toString(), "-signature", item.signature().toString(), item.artifact().toString()));
            assertThat(verified.output()).as(item.key() + " " + item.artifact()).contains("Verified OK");
        }
        assertThat(signed).extracting(Signed::key).containsExactly("k1", "k2", "imported", "k1");
    }

    @Test
    void rotationIsCustodianWorkAndRefusedPrecisely() {
        String before = expect(signer.get(SET), 200).body();
        String current = expect(signer.get(SET), 200).json().get("currentKey").asString();
        String other = current.equals("k2") ? "k1" : "k2";

        assertThat(refuse(signer, Map.of("key", other), 403, "DENIED", "signer-rot")).isEqualTo("forbidden");
        assertThat(refuse(auditor, Map.of("key", other), 403, "DENIED", "auditor-rot")).isEqualTo("forbidden");
        assertThat(refuse(outsider, Map.of("key", other), 404, "REJECTED", "custodian-other")).isEqualTo("not-found");
        assertThat(refuse(custodian, Map.of("key", current), 409, "REJECTED", "custodian-rot")).isEqualTo("already-current");
        assertThat(refuse(custodian, Map.of("key", "nope"), 404, "REJECTED", "custodian-rot")).isEqualTo("not-found");
        assertThat(refuse(custodian, Map.of("key", "rsa"), 400, "REJECTED", "custodian-rot"))
                .isEqualTo("algorithm-key-mismatch");
        assertThat(refuse(custodian, Map.of(), 400, "REJECTED", "custodian-rot")).isEqualTo("key-required");
        assertThat(expect(signer.get(SET), 200).body()).as("refusals change nothing").isEqualTo(before);

        expect(outsider.get(SET), 404);
        expect(signer.as(null).get(SET), 401);
        expect(signer.as(null).get("/published/projects/rot/profiles/missing/certificates.pem"), 404);
        expect(signer.as(null).get("/published/projects/missing/profiles/release/certificates.pem"), 404);
    }

    private JsonNode rotate(String key) {
        return audit.expectOne(() -> custodian.post(ROTATE, Map.of("key", key)), 200, AuditAction.PROFILE_ROTATE.value(), "SUCCESS",
                "rot", "custodian-rot").response().json();
    }

    private String refuse(ApiCaller caller, Map<String, String> body, int status, String outcome, String principal) {
        return audit.expectOne(() -> caller.post(ROTATE, body), status, AuditAction.PROFILE_ROTATE.value(), outcome, "rot",
                principal).response().problemType();
    }

    private void sign(String expectedKey) throws Exception {
        byte[] artifact = new byte[3000];
        RANDOM.nextBytes(artifact);
        int n = signed.size();
        Path artifactFile = Files.write(dir.resolve("artifact-" + n + ".bin"), artifact);
        JsonNode response = audit.expectOne(() -> signer.post("/api/v1/projects/rot/profiles/release/sign",
                Map.of("algorithm", "ECDSA_SHA256", "items", List.of(Map.of("digest",
                        Base64.getEncoder().encodeToString(io.inkan.core.DigestAlgorithm.SHA256.newDigest().digest(artifact)))))),
                200, AuditAction.SIGN.value(), "SUCCESS", "rot", "signer-rot").response().json();
        assertThat(response.get("key").asString()).as("the signing response names the current key").isEqualTo(expectedKey);
        Path signature = Files.write(dir.resolve("artifact-" + n + ".sig"),
                Base64.getDecoder().decode(response.get("signatures").get(0).asString()));
        signed.add(new Signed(expectedKey, artifactFile, signature));
    }

    /** The public key of {@code key}, taken from the published bundle's certificate that the set names. */
    private Path publishedPublicKey(Path openssl, JsonNode set, String key, List<X509Certificate> published)
            throws Exception {
        String chain = null;
        for (JsonNode member : set.get("keys")) {
            if (member.get("key").asString().equals(key)) {
                chain = member.get("certificateChain").get(0).asString();
            }
        }
        X509Certificate named = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(chain)));
        assertThat(published).as("published certificate of " + key).contains(named);
        Path pem = Files.writeString(dir.resolve(key + "-" + RANDOM.nextInt(1_000_000) + ".crt.pem"),
                "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(named.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        Path publicKey = dir.resolve(pem.getFileName() + ".pub");
        ExternalTools.Result result = ExternalTools.run(List.of(openssl.toString(), "x509", "-in", pem.toString(),
                "-pubkey", "-noout", "-out", publicKey.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return publicKey;
    }

    private Map<String, Object> importBody(Pkcs12Key key) {
        try {
            return KeyImports.request("imported", "software", KeyImports.importKey(custodian, "software"),
                    key.privateKey(), key.chain().get(0).getPublicKey(), key.chain().get(0));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> states(JsonNode set) {
        List<String> states = new ArrayList<>();
        set.get("keys").forEach(member -> states.add(member.get("key").asString() + "=" + member.get("state").asString()));
        return states;
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes()))
                .stream().map(X509Certificate.class::cast).toList();
    }
}
