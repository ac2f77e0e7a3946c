package io.inkan.server.ca;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.projects.Projects;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The private CA end to end (K8, K9): a root in SoftHSM2 created in an M-of-N ceremony, intermediates
 * in SoftHSM2 and in the software token, code-signing and TSA certificates checked by openssl, CRLs
 * fetched anonymously over HTTPS and used by {@code openssl verify -crl_check}, and a revocation that
 * hits one key and leaves the other valid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivateCaTest {

    private static final String CA = "pki";
    private static final String APP = "app";

    private Path dir;
    private TestServer server;
    private AuditExpectations audit;
    private ApiCaller caToken;
    private ApiCaller appCustodian;
    private ApiCaller signer;
    private Map<String, ApiCaller> people;
    private X509Certificate root;
    private X509Certificate issuingHsm;
    private X509Certificate issuingSoftware;
    private int crlHttpPort;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        TestPki pki = new TestPki("people-ca");
        SoftHsmFixture hsm = SoftHsmFixture.shared();
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "inkan.mtls.trusted-cas[0]", pki.writeCertificate(dir.resolve("people-ca.pem")).toString(),
                "inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", hsm.label(),
                "inkan.tokens.pkcs11[0].pin", hsm.pin()));
        crlHttpPort = freePort();
        properties.put("inkan.ca.crl-http-port", String.valueOf(crlHttpPort));
        properties.putAll(databaseProperties());
        server = TestServer.start(dir.resolve("server"), properties);
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(CA);
        provisioning.project(APP);
        people = Custodians.create(server, new ApiCaller(server, server.adminToken()), pki, dir, CA, "alice", "bob", "carol");
        caToken = provisioning.custodian(CA);
        audit = new AuditExpectations(server);
        caKey("root-key", KeyAlgorithm.EC_P384, "hsm");
        caKey("issuing-hsm-key", KeyAlgorithm.RSA_3072, "hsm");
        caKey("issuing-sw-key", KeyAlgorithm.EC_P256, "software");
        caKey("spare-key", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(APP, "release", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile(APP, "nightly", KeyAlgorithm.RSA_2048, "hsm");
        provisioning.keyAndProfile(APP, "tsa", KeyAlgorithm.EC_P256, "software");
        appCustodian = provisioning.custodian(APP);
        signer = caToken.as(provisioning.signerToken(APP));
    }

    /** The embedded H2 database here; subclasses name another. */
    Map<String, String> databaseProperties() {
        return Map.of();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    @Order(1)
    void theRootIsCreatedInAnMofNCeremony() {
        Map<String, Object> rootRequest = Map.of("name", "root", "key", "root-key",
                "subject", "CN=Inkan Test Root,O=Example", "validityDays", 10950);
        assertThat(createAuthority(caToken, rootRequest, 409, "REJECTED", "custodian-" + CA).problemType())
                .isEqualTo("root-needs-activation-policy");

        audit.expectOne(() -> caToken.post("/api/v1/projects/" + CA + "/keys/root-key/activation-policy", Map.of(
                        "required", 2, "custodians", List.of("alice", "bob", "carol"), "window", "PT10M", "maxUses", 3)),
                200, AuditAction.KEY_ACTIVATION_POLICY.value(), "SUCCESS", CA, "custodian-" + CA);
        assertThat(createAuthority(people.get("alice"), rootRequest, 409, "REJECTED", "alice").problemType())
                .isEqualTo("key-not-activated");

        approve("alice");
        assertThat(createAuthority(people.get("alice"), rootRequest, 409, "REJECTED", "alice").problemType())
                .as("one custodian is not enough").isEqualTo("key-not-activated");
        approve("bob");

        JsonNode created = createAuthority(people.get("alice"), rootRequest, 201, "SUCCESS", "alice").json();
        root = Pems.chain(created.get("certificateChain")).get(0);
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(created.get("crlUrl").asString()).endsWith("/crl/root.crl");

        issuingHsm = intermediate("issuing-hsm", "issuing-hsm-key", "CN=Inkan Test Code Signing HSM,O=Example");
        issuingSoftware = intermediate("issuing-sw", "issuing-sw-key", "CN=Inkan Test Code Signing SW,O=Example");
        assertThat(createAuthority(people.get("carol"), Map.of("name", "extra", "key", "spare-key", "parent", "root",
                "subject", "CN=Extra,O=Example"), 409, "REJECTED", "carol").problemType())
                .as("the activation's three uses are spent").isEqualTo("key-not-activated");
        assertThat(createAuthority(people.get("carol"), Map.of("name", "extra", "key", "spare-key", "parent", "issuing-sw",
                "subject", "CN=Extra,O=Example"), 409, "REJECTED", "carol").problemType())
                .isEqualTo("authority-cannot-issue-authorities");

        ApiCaller.Response profile = audit.expectOne(() -> caToken.post("/api/v1/projects/" + CA + "/profiles",
                Map.of("name", "forge", "key", "root-key")), 409, AuditAction.PROFILE_CREATE.value(), "REJECTED", CA, "custodian-" + CA)
                .response();
        assertThat(profile.problemType()).isEqualTo("ca-key-in-use");

        Path rootPem = Pems.write(dir.resolve("root.pem"), List.of(root));
        for (X509Certificate intermediate : List.of(issuingHsm, issuingSoftware)) {
            ExternalTools.Result verified = openssl("verify", "-CAfile", rootPem.toString(),
                    Pems.write(dir.resolve("intermediate.pem"), List.of(intermediate)).toString());
            assertThat(verified.exitCode()).as(verified.output()).isZero();
        }
        assertThat(caToken.get("/api/v1/ca/authorities").json()).hasSize(3);
    }

    @Test
    @Order(2)
    void intermediatesIssueCodeSigningCertificatesThatOpensslVerifies() {
        JsonNode release = issue("release", Map.of("authority", "issuing-hsm", "validityDays", 9131));
        List<X509Certificate> chain = Pems.chain(release.get("certificateChain"));
        assertThat(chain).hasSize(3).containsSubsequence(issuingHsm, root);
        assertThat(Duration.between(chain.get(0).getNotBefore().toInstant(), chain.get(0).getNotAfter().toInstant()).toDays())
                .as("25 years for Android").isBetween(9131L, 9132L);
        issue("nightly", Map.of("authority", "issuing-hsm"));

        assertThat(issueRefused("nightly", Map.of("authority", "issuing-hsm", "validityDays", 9132), 400))
                .isEqualTo("validity-too-long");
        assertThat(issueRefused("nightly", Map.of("authority", "root"), 409)).isEqualTo("root-issues-authorities-only");
        assertThat(issueRefused("nightly", Map.of("authority", "nobody"), 404)).isEqualTo("not-found");

        for (String key : List.of("release", "nightly")) {
            ExternalTools.Result verified = verify(key, false);
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            ExternalTools.Result text = openssl("x509", "-in", leafFile(key).toString(), "-noout", "-text");
            assertThat(text.output()).contains("Code Signing").contains("X509v3 CRL Distribution Points")
                    .contains("URI:http://localhost:" + crlHttpPort + "/crl/issuing-hsm.crl").contains("CA:FALSE");
        }
    }

    @Test
    @Order(3)
    void theTsaGetsACertificateWithTheCriticalTimeStampingPurpose() {
        SigningKey tsa = server.bean(Keys.class).get(server.bean(Projects.class).get(APP), "tsa");
        long before = audit.lastSeq();
        SigningKey certified = server.bean(Issuance.class).issueTimeStampingCertificate(tsa, "issuing-sw", 365);
        List<AuditEntry> records = server.bean(AuditLog.class).recent(10).stream().filter(e -> e.seq() > before).toList();
        assertThat(records).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.CA_ISSUE.value());
            assertThat(entry.project()).isEqualTo(APP);
            assertThat(entry.detail()).contains("TIME_STAMPING");
        });
        List<X509Certificate> chain = certified.certificateChain();
        assertThat(chain).containsExactly(chain.get(0), issuingSoftware, root);
        Path tsaPem = Pems.write(dir.resolve("tsa.pem"), List.of(chain.get(0)));
        ExternalTools.Result text = openssl("x509", "-in", tsaPem.toString(), "-noout", "-text");
        assertThat(text.output()).containsPattern("X509v3 Extended Key Usage: critical\\s+Time Stamping");
        ExternalTools.Result verified = openssl("verify", "-purpose", "timestampsign",
                "-CAfile", dir.resolve("root.pem").toString(),
                "-untrusted", Pems.write(dir.resolve("issuing-sw.pem"), List.of(issuingSoftware)).toString(), tsaPem.toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
    }

    @Test
    @Order(4)
    void revokingOneKeysCertificateShowsInTheCrlAndLeavesTheOtherValid() throws Exception {
        fetchCrls();
        assertThat(verify("release", true).exitCode()).isZero();
        assertThat(verify("nightly", true).exitCode()).isZero();

        JsonNode revoked = audit.expectOne(() -> appCustodian.post(keyPath("release", "certificate/revoke"),
                Map.of("reason", "keyCompromise")), 200, AuditAction.CA_REVOKE.value(), "SUCCESS", APP, "custodian-" + APP)
                .response().json();
        assertThat(revoked.get("name").asString()).isEqualTo("release");
        fetchCrls();
        X509Certificate release = certificate("release");
        ExternalTools.Result crl = openssl("crl", "-in", dir.resolve("crls.pem").toString(), "-noout", "-text");
        assertThat(crl.output().replace(":", "").toLowerCase()).contains(release.getSerialNumber().toString(16))
                .contains("key compromise");

        ExternalTools.Result refused = verify("release", true);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");
        ExternalTools.Result stillValid = verify("nightly", true);
        assertThat(stillValid.exitCode()).as(stillValid.output()).isZero();

        ApiCaller.Response again = audit.expectOne(() -> appCustodian.post(keyPath("release", "certificate/revoke"),
                Map.of()), 409, AuditAction.CA_REVOKE.value(), "REJECTED", APP, "custodian-" + APP).response();
        assertThat(again.problemType()).isEqualTo("no-issued-certificate");
        assertThat(plainHttpGet("/crl/nobody.crl", null).statusCode()).isEqualTo(404);
        assertThat(anonymousGet("/crl/root.crl").statusCode()).as("also over HTTPS").isEqualTo(200);
    }

    @Test
    @Order(5)
    void signaturesCarryTheCaIssuedChainAndVerifyWithIt() throws Exception {
        byte[] message = new byte[4096];
        new SecureRandom().nextBytes(message);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
        JsonNode response = expect(signer.post("/api/v1/projects/" + APP + "/profiles/nightly/sign", Map.of(
                "algorithm", SignatureAlgorithm.RSA_PKCS1_SHA256.name(),
                "items", List.of(Map.of("digest", Base64.getEncoder().encodeToString(digest))))), 200).json();
        List<X509Certificate> chain = Pems.chain(response.get("certificateChain"));
        assertThat(chain).hasSize(3).endsWith(root);

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 2)), parameters);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(chain.get(0));
        verifier.update(message);
        assertThat(verifier.verify(Base64.getDecoder().decode(response.get("signatures").get(0).asString()))).isTrue();
    }

    @Test
    @Order(6)
    void aChainFromThePrivateCaCanBeImported() {
        List<X509Certificate> chain = List.of(certificate("nightly"), issuingHsm);
        JsonNode imported = audit.expectOne(() -> appCustodian.post(keyPath("nightly", "certificate"),
                Map.of("chain", Pems.pem(chain))), 200, AuditAction.KEY_CERTIFICATE_IMPORT.value(), "SUCCESS", APP, "custodian-" + APP)
                .response().json();
        assertThat(Pems.chain(imported.get("certificateChain"))).containsExactly(chain.get(0), issuingHsm, root);
    }

    @Test
    @Order(7)
    void theCheckReSignsACrlHalfWayToItsNextUpdateAndRecordsIt() throws Exception {
        Crls crls = server.bean(Crls.class);
        assertThat(crls.refreshDue()).as("all CRLs fresh").isZero();
        fetchCrls();
        String before = openssl("crl", "-in", dir.resolve("crls.pem").toString(), "-noout", "-crlnumber").output();
        server.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("UPDATE ca_crls SET next_update = ? WHERE authority_id = (SELECT id FROM ca_authorities WHERE name = ?)")
                .params(java.time.OffsetDateTime.now().plusHours(1), "issuing-hsm").update();
        long last = audit.lastSeq();
        assertThat(crls.refreshDue()).isEqualTo(1);
        List<AuditEntry> records = server.bean(AuditLog.class).recent(10).stream().filter(e -> e.seq() > last).toList();
        assertThat(records).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.CA_CRL_ISSUE.value());
            assertThat(entry.project()).isEqualTo(CA);
            assertThat(entry.principal()).isNull();
            assertThat(entry.detail()).contains("authority 'issuing-hsm'").contains("1 revoked");
        });
        fetchCrls();
        String after = openssl("crl", "-in", dir.resolve("crls.pem").toString(), "-noout", "-crlnumber").output();
        assertThat(after).isNotEqualTo(before);
        assertThat(verify("nightly", true).exitCode()).isZero();
    }

    private void caKey(String name, KeyAlgorithm algorithm, String token) {
        audit.expectOne(() -> caToken.post("/api/v1/projects/" + CA + "/keys", Map.of("name", name, "algorithm",
                algorithm.name(), "token", token)), 201, AuditAction.KEY_CREATE.value(), "SUCCESS", CA, "custodian-" + CA);
    }

    private void approve(String who) {
        audit.expectOne(() -> people.get(who).post("/api/v1/projects/" + CA + "/keys/root-key/activations", Map.of()), 200,
                AuditAction.KEY_ACTIVATION_APPROVE.value(), "SUCCESS", CA, who);
    }

    private ApiCaller.Response createAuthority(ApiCaller caller, Map<String, Object> request, int status, String outcome,
                                               String who) {
        return audit.expectOne(() -> caller.post("/api/v1/ca/authorities", request), status, AuditAction.CA_AUTHORITY_CREATE.value(),
                outcome, status < 300 ? CA : null, who).response();
    }

    private X509Certificate intermediate(String name, String key, String subject) {
        JsonNode created = createAuthority(people.get("bob"), Map.of("name", name, "key", key, "parent", "root",
                "subject", subject, "validityDays", 10000), 201, "SUCCESS", "bob").json();
        List<X509Certificate> chain = Pems.chain(created.get("certificateChain"));
        assertThat(chain).hasSize(2).endsWith(root);
        assertThat(chain.get(0).getBasicConstraints()).isZero();
        return chain.get(0);
    }

    private JsonNode issue(String key, Map<String, Object> request) {
        return audit.expectOne(() -> appCustodian.post(keyPath(key, "certificate/issue"), request), 200, AuditAction.CA_ISSUE.value(),
                "SUCCESS", APP, "custodian-" + APP).response().json();
    }

    private String issueRefused(String key, Map<String, Object> request, int status) {
        return audit.expectOne(() -> appCustodian.post(keyPath(key, "certificate/issue"), request), status,
                AuditAction.CA_ISSUE.value(), "REJECTED", APP, "custodian-" + APP).response().problemType();
    }

    private X509Certificate certificate(String key) {
        return Pems.chain(appCustodian.get(keyPath(key, "")).json().get("certificateChain")).get(0);
    }

    private Path leafFile(String key) {
        return Pems.write(dir.resolve(key + ".pem"), List.of(certificate(key)));
    }

    /** {@code openssl verify} of the key's certificate up to the root, optionally checking the leaf's CRL. */
    private ExternalTools.Result verify(String key, boolean crl) {
        List<String> command = new ArrayList<>(List.of("verify", "-CAfile", dir.resolve("root.pem").toString(),
                "-untrusted", Pems.write(dir.resolve("issuing-hsm.pem"), List.of(issuingHsm)).toString()));
        if (crl) {
            command.addAll(List.of("-crl_check", "-CRLfile", dir.resolve("crls.pem").toString()));
        }
        command.add(leafFile(key).toString());
        return openssl(command.toArray(String[]::new));
    }

    @Test
    @Order(8)
    void thePlainHttpPortServesCrlsAndNothingElse() {
        String token = server.adminToken();
        for (String path : List.of("/api/v1/whoami", "/api/v1/ca/authorities", "/actuator/health", "/crl")) {
            assertThat(plainHttpGet(path, token).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(plainHttpGet("/crl/root.crl", null).statusCode()).isEqualTo(200);
    }

    /**
     * Issue 7's rotation requirement in one scenario: a profile signs with key A (certificate from the
     * HSM intermediate), rotates to key B (its own certificate from the same intermediate), signs again;
     * both signatures verify with their certificates; revoking A's certificate lists A's serial, and only
     * A's, in the intermediate's CRL fetched over HTTP, so {@code openssl verify -crl_check} refuses A while
     * B still verifies, and the profile keeps signing with B.
     */
    @Test
    @Order(9)
    void signaturesBeforeAndAfterRotationVerifyAndRevokingTheOldCertificateLeavesTheNewOneValid() throws Exception {
        rotationKey("rotating-a");
        audit.expectOne(() -> appCustodian.post("/api/v1/projects/" + APP + "/profiles", Map.of("name", "rotating",
                        "key", "rotating-a", "allowedAlgorithms", List.of(SignatureAlgorithm.ECDSA_SHA256.name()))), 201,
                AuditAction.PROFILE_CREATE.value(), "SUCCESS", APP, "custodian-" + APP);
        X509Certificate a = certificate("rotating-a");
        RotationSignature first = signWithRotatingProfile("rotating-a");

        rotationKey("rotating-b");
        JsonNode rotated = audit.expectOne(() -> appCustodian.post("/api/v1/projects/" + APP + "/profiles/rotating/rotate",
                Map.of("key", "rotating-b")), 200, AuditAction.PROFILE_ROTATE.value(), "SUCCESS", APP, "custodian-" + APP)
                .response().json();
        assertThat(rotated.get("currentKey").asString()).isEqualTo("rotating-b");
        X509Certificate b = certificate("rotating-b");
        assertThat(b.getSerialNumber()).isNotEqualTo(a.getSerialNumber());
        RotationSignature second = signWithRotatingProfile("rotating-b");

        assertThat(first.chain().get(0)).isEqualTo(a);
        assertThat(second.chain().get(0)).isEqualTo(b);
        for (RotationSignature signature : List.of(first, second)) {
            assertThat(signature.verifies()).as("signature by " + signature.key()).isTrue();
        }
        fetchCrls();
        for (String key : List.of("rotating-a", "rotating-b")) {
            ExternalTools.Result verified = verify(key, true);
            assertThat(verified.exitCode()).as(key + ": " + verified.output()).isZero();
        }

        audit.expectOne(() -> appCustodian.post(keyPath("rotating-a", "certificate/revoke"), Map.of("reason", "superseded")),
                200, AuditAction.CA_REVOKE.value(), "SUCCESS", APP, "custodian-" + APP);
        fetchCrls();
        HttpResponse<byte[]> crlResponse = plainHttpGet("/crl/issuing-hsm.crl", null);
        assertThat(crlResponse.statusCode()).isEqualTo(200);
        java.security.cert.X509CRL crl = (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(crlResponse.body()));
        crl.verify(issuingHsm.getPublicKey());
        assertThat(crl.getRevokedCertificate(a)).as("A's serial is listed").isNotNull();
        assertThat(crl.getRevokedCertificate(a).getRevocationReason()).isEqualTo(java.security.cert.CRLReason.SUPERSEDED);
        assertThat(crl.isRevoked(b)).as("B's serial is not listed").isFalse();

        ExternalTools.Result refused = verify("rotating-a", true);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");
        ExternalTools.Result stillValid = verify("rotating-b", true);
        assertThat(stillValid.exitCode()).as(stillValid.output()).isZero();

        RotationSignature third = signWithRotatingProfile("rotating-b");
        assertThat(third.chain().get(0)).isEqualTo(b);
        assertThat(third.verifies()).isTrue();
        assertThat(first.verifies()).as("A's signature is still mathematically valid; the CRL is what refuses A").isTrue();
    }

    /** A signature made through the rotating profile, with the chain and key name the response gave. */
    private record RotationSignature(String key, byte[] message, byte[] signature, List<X509Certificate> chain) {

        boolean verifies() throws java.security.GeneralSecurityException {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(chain.get(0));
            verifier.update(message);
            return verifier.verify(signature);
        }
    }

    /** Generates an EC key in APP and gets it a code-signing certificate from the HSM intermediate. */
    private void rotationKey(String name) {
        audit.expectOne(() -> appCustodian.post("/api/v1/projects/" + APP + "/keys", Map.of("name", name,
                "algorithm", KeyAlgorithm.EC_P256.name(), "token", "software")), 201, AuditAction.KEY_CREATE.value(), "SUCCESS", APP,
                "custodian-" + APP);
        List<X509Certificate> chain = Pems.chain(issue(name, Map.of("authority", "issuing-hsm")).get("certificateChain"));
        assertThat(chain).containsExactly(chain.get(0), issuingHsm, root);
    }

    private RotationSignature signWithRotatingProfile(String expectedKey) throws Exception {
        byte[] message = new byte[2048];
        new SecureRandom().nextBytes(message);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
        JsonNode response = audit.expectOne(() -> signer.post("/api/v1/projects/" + APP + "/profiles/rotating/sign", Map.of(
                        "algorithm", SignatureAlgorithm.ECDSA_SHA256.name(),
                        "items", List.of(Map.of("digest", Base64.getEncoder().encodeToString(digest))))),
                200, AuditAction.SIGN.value(), "SUCCESS", APP, "signer-" + APP).response().json();
        assertThat(response.get("key").asString()).as("the response names the current key").isEqualTo(expectedKey);
        return new RotationSignature(expectedKey, message,
                Base64.getDecoder().decode(response.get("signatures").get(0).asString()),
                Pems.chain(response.get("certificateChain")));
    }

    /** Fetches the CRLs of the root and the HSM intermediate anonymously over plain HTTP, as a verifier would. */
    private void fetchCrls() throws IOException {
        StringBuilder pems = new StringBuilder();
        for (String authority : List.of("issuing-hsm", "root")) {
            HttpResponse<byte[]> response = plainHttpGet("/crl/" + authority + ".crl", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
            Path der = dir.resolve(authority + ".crl");
            Files.write(der, response.body());
            ExternalTools.Result pem = openssl("crl", "-inform", "DER", "-in", der.toString());
            assertThat(pem.exitCode()).as(pem.output()).isZero();
            pems.append(pem.output());
        }
        Pems.write(dir.resolve("crls.pem"), pems.toString());
    }

    private HttpResponse<byte[]> anonymousGet(String path) {
        return get(ApiCaller.trusting(server.serverCertificate()), HttpRequest.newBuilder(URI.create(server.baseUrl() + path)));
    }

    private HttpResponse<byte[]> plainHttpGet(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + crlHttpPort + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return get(HttpClient.newHttpClient(), request);
    }

    private static HttpResponse<byte[]> get(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ExternalTools.Result openssl(String... arguments) {
        ExternalTools.require("openssl");
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        return ExternalTools.run(command);
    }

    private static String keyPath(String key, String suffix) {
        return ApiPaths.key(APP, key, suffix);
    }
}
