package io.inkan.server.identity;

import io.inkan.client.audit.AuditEntry;

import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Refusals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mutual TLS (A1): bootstrap certificate, registration, subject mapping, CRLs, foreign CAs, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCertificateAuthenticationTest {

    private TestServer server;
    private ApiCaller admin;
    private TestPki corporate;
    private Path dir;
    private Path crl;
    private AuditLog audit;

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        corporate = new TestPki("corporate-ca");
        crl = dir.resolve("corporate.crl");
        corporate.writeCrl(crl);
        server = TestServer.start(dir.resolve("server"), Map.of(
                "inkan.mtls.trusted-cas[0]", corporate.writeCertificate(dir.resolve("corporate.pem")).toString(),
                "inkan.mtls.crl-files[0]", crl.toString(),
                "inkan.mtls.subject-field", "CN"));
        admin = new ApiCaller(server, server.adminToken());
        audit = server.bean(AuditLog.class);
        expect(admin.post("/api/v1/projects", Map.of("name", "app")), 201);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theBootstrapAdministratorSignsInWithTheIssuedCertificate() throws Exception {
        assertThat(Files.getPosixFilePermissions(server.adminCertificate()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(server.dataDir().resolve("client-ca").resolve("ca.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        ApiCaller byCertificate = ApiCaller.withClientCertificate(server, server.adminCertificate(),
                server.adminCertificatePassword(), false);
        var me = expect(byCertificate.get("/api/v1/whoami"), 200).json();
        assertThat(me.get("name").asString()).isEqualTo("bootstrap-admin");
        assertThat(me.get("roles").get(0).asString()).isEqualTo("admin");
        expect(byCertificate.post("/api/v1/projects", Map.of("name", "by-certificate")), 201);
    }

    @Test
    void aRegisteredCertificateIdentifiesItsPrincipalWithAllItsRoles() {
        principal("alice", "signer", "auditor");
        Path p12 = dir.resolve("alice-laptop.p12");
        String pem = TestPki.pem(corporate.issue("laptop-of-alice", p12));
        expect(admin.post("/api/v1/principals/alice/certificates", Map.of("certificate", pem)), 201);
        ApiCaller alice = ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
        var me = expect(alice.get("/api/v1/whoami"), 200).json();
        assertThat(me.get("name").asString()).isEqualTo("alice");
        assertThat(me.get("roles").toString()).contains("app:signer", "app:auditor");
        assertThat(expect(alice.get("/api/v1/projects"), 200).json().size()).isEqualTo(1);
        assertThat(admin.post("/api/v1/principals/alice/certificates", Map.of("certificate", pem)).status()).isEqualTo(409);
    }

    @Test
    void theConfiguredSubjectFieldMapsAnUnregisteredCertificate() {
        principal("bob", "approver");
        Path p12 = dir.resolve("bob.p12");
        corporate.issue("bob", p12);
        assertThat(expect(ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false).get("/api/v1/whoami"), 200)
                .json().get("name").asString()).isEqualTo("bob");
    }

    @Test
    void aTrustedCertificateOfNobodyIsRefusedAndRecorded() {
        Path p12 = dir.resolve("mallory.p12");
        X509Certificate issued = corporate.issue("mallory", p12);
        ApiCaller.Response response = ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false).get("/api/v1/projects");
        assertUnauthorized(response);
        assertThat(lastEvent().detail()).contains("identifies no principal", issued.getSerialNumber().toString(16));
    }

    /** Public stays public: a valid certificate of a trusted CA that identifies nobody is anonymous there. */
    @Test
    void publicStaysPublicForAValidButUnregisteredCertificate() {
        Path p12 = dir.resolve("stranger.p12");
        corporate.issue("stranger", p12);
        ApiCaller stranger = ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
        assertThat(stranger.get("/actuator/health").status()).isEqualTo(200);
        assertThat(stranger.get("/tsa/certificate").status()).isEqualTo(200);
        assertThat(stranger.post("/tsa", "application/timestamp-query", "not a query").status()).isNotEqualTo(401);
        ApiCaller.Response published = stranger.get("/published/projects/app/profiles/none/certificates.pem");
        assertThat(published.status()).isEqualTo(admin.as(null).get("/published/projects/app/profiles/none/certificates.pem")
                .status()).isNotEqualTo(401);
        assertUnauthorized(stranger.get("/api/v1/whoami"));
        assertThat(lastEvent().detail()).contains("identifies no principal");
    }

    @Test
    void aRevokedCertificateIsRefusedOnceTheCrlListsIt() throws Exception {
        principal("carol", "signer");
        Path p12 = dir.resolve("carol.p12");
        X509Certificate issued = corporate.issue("carol", p12);
        ApiCaller carol = ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
        expect(carol.get("/api/v1/whoami"), 200);
        Thread.sleep(20);
        corporate.writeCrl(crl, issued);
        // A fresh connection, so the revoked certificate is presented again rather than a resumed session reused.
        assertUnauthorized(ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false).get("/api/v1/whoami"));
        assertThat(lastEvent().detail()).contains("revoked client certificate");
        assertThat(lastEvent().source()).isNotBlank();
    }

    @Test
    void aCertificateFromAnUntrustedCaNeverAuthenticates() {
        TestPki foreign = new TestPki("foreign-ca");
        principal("dave", "signer");
        Path p12 = dir.resolve("dave.p12");
        foreign.issue("dave", p12);
        ApiCaller dave = ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, true);
        try {
            assertUnauthorized(dave.get("/api/v1/whoami"));
        } catch (UncheckedIOException handshakeRefused) {
            assertThat(handshakeRefused).hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @Test
    void aCrlNotSignedByATrustedCaStopsTheServer() {
        TestPki foreign = new TestPki("corporate-ca");
        Path forged = dir.resolve("forged.crl");
        foreign.writeCrl(forged);
        assertThatThrownBy(() -> TestServer.start(dir.resolve("forged-server"), Map.of(
                "inkan.mtls.trusted-cas[0]", dir.resolve("corporate.pem").toString(),
                "inkan.mtls.crl-files[0]", forged.toString())))
                .hasStackTraceContaining("cannot use CRL");
    }

    @Test
    void malformedCertificatesAreRejectedWithoutDetail() {
        principal("erin", "signer");
        ApiCaller.Response garbage = admin.post("/api/v1/principals/erin/certificates",
                Map.of("certificate", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"));
        Refusals.assertProblem(garbage, 400, "invalid-certificate");
        assertThat(garbage.body()).doesNotContain("Exception", "at java.");
    }

    @Test
    void oversizedAndGarbageTokensAre401WithoutDetailAndRecorded() {
        for (String token : new String[]{"inkan_" + "A".repeat(4000), "%%%", "inkan_" + "B".repeat(43)}) {
            long before = lastEvent().seq();
            assertUnauthorized(admin.as(token).get("/api/v1/whoami"));
            AuditEntry event = lastEvent();
            assertThat(event.seq()).isGreaterThan(before);
            assertThat(event.outcome()).isEqualTo("DENIED");
            assertThat(event.source()).isNotBlank();
        }
    }

    @Test
    void expiredOrRevokedTokensAreRefused() {
        var created = expect(admin.post("/api/v1/tokens", Map.of("name", "ci", "role", "signer", "project", "app",
                "expiresInDays", 1)), 201).json();
        ApiCaller ci = admin.as(created.get("secret").asString());
        expect(ci.get("/api/v1/whoami"), 200);
        var listed = expect(admin.get("/api/v1/tokens"), 200).json();
        boolean seenLastUse = false;
        for (var token : listed) {
            if (token.get("id").asString().equals(created.get("id").asString())) {
                seenLastUse = !token.get("lastUsedAt").isNull();
            }
        }
        assertThat(seenLastUse).as("last use shown in the listing").isTrue();
        expect(admin.delete("/api/v1/tokens/" + created.get("id").asString()), 204);
        assertUnauthorized(ci.get("/api/v1/whoami"));
        assertThat(lastEvent().detail()).contains("unknown, expired or revoked token");

        var expiring = expect(admin.post("/api/v1/tokens", Map.of("name", "old", "role", "signer", "project", "app",
                "expiresInDays", 1)), 201).json();
        ApiCaller old = admin.as(expiring.get("secret").asString());
        expect(old.get("/api/v1/whoami"), 200);
        // Expire it behind the server's back; an operator who edits configuration rows directly also moves the
        // configuration generation, or nodes keep the rows they cached (decision 013).
        server.bean(JdbcClient.class).sql("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), expiring.get("id").asString()).update();
        server.bean(JdbcClient.class).sql("UPDATE audit_head SET config_generation = config_generation + 1 WHERE id = 1").update();
        assertUnauthorized(old.get("/api/v1/whoami"));
        assertThat(admin.post("/api/v1/tokens", Map.of("name", "ci", "role", "signer", "project", "app",
                "expiresInDays", 0)).status()).isEqualTo(400);
    }

    private void principal(String name, String... roles) {
        expect(admin.post("/api/v1/principals", Map.of("name", name, "kind", "human")), 201);
        for (String role : roles) {
            expect(admin.post("/api/v1/principals/" + name + "/roles", Map.of("role", role, "project", "app")), 200);
        }
    }

    private AuditEntry lastEvent() {
        return audit.recent(1).get(0);
    }

    private static void assertUnauthorized(ApiCaller.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).isEqualTo("A valid credential is required");
    }
}
