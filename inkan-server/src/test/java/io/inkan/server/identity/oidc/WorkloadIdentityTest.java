package io.inkan.server.identity.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CI workload identity (A8) against a local OIDC issuer: the test serves its own JWKS on loopback and
 * signs ID tokens the way a CI platform would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadIdentityTest {

    private static final String ISSUER = "https://ci.example.test";
    private static final String SIGN = "/api/v1/projects/app/profiles/ec/sign";
    private static final Map<String, Object> SIGN_REQUEST = Map.of("algorithm", "ECDSA_SHA256",
            "items", List.of(Map.of("digest", "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=")));

    private HttpServer issuer;
    private RSAKey key;
    private TestServer server;
    private ApiCaller anonymous;
    private AuditLog audit;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        key = new RSAKeyGenerator(2048).keyID("ci-1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        issuer.start();
        server = TestServer.start(dir, Map.of(
                "inkan.oidc.issuers[0].issuer", ISSUER,
                "inkan.oidc.issuers[0].jwks-url", "http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks",
                "inkan.oidc.issuers[0].audience", "inkan",
                "inkan.oidc.issuers[0].rules[0].claims.repository", "example/app",
                "inkan.oidc.issuers[0].rules[0].claims.ref", "refs/tags/v*",
                "inkan.oidc.issuers[0].rules[0].project", "app",
                "inkan.oidc.issuers[0].rules[0].role", "signer"));
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = new Provisioning(admin);
        provisioning.project("app");
        provisioning.project("other");
        provisioning.keyAndProfile("app", "ec", KeyAlgorithm.EC_P256, "software");
        anonymous = admin.as(null);
        audit = server.bean(AuditLog.class);
    }

    @AfterAll
    void stop() {
        server.close();
        issuer.stop(0);
    }

    @Test
    void aReleaseJobOfTheRepositorySignsForItsProject() throws Exception {
        ApiCaller job = anonymous.as(signed(claims().build()));
        var me = expect(job.get("/api/v1/whoami"), 200).json();
        assertThat(me.get("kind").asString()).isEqualTo("ci");
        assertThat(me.get("roles").toString()).contains("app:signer");
        expect(job.post(SIGN, SIGN_REQUEST), 200);
        assertThat(job.get("/api/v1/projects/other/keys").status()).isEqualTo(404);
        assertThat(job.post("/api/v1/projects/app/keys", Map.of("name", "x", "algorithm", "EC_P256")).status())
                .isEqualTo(403);
    }

    /** Administrators cannot sign: a CI rule never makes an administrator, so the server refuses one at start. */
    @Test
    void aRuleGrantingAdministratorStopsTheServer(@TempDir Path dir) {
        assertThatThrownBy(() -> TestServer.start(dir, Map.of(
                "inkan.oidc.issuers[0].issuer", ISSUER,
                "inkan.oidc.issuers[0].jwks-url", "http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks",
                "inkan.oidc.issuers[0].audience", "inkan",
                "inkan.oidc.issuers[0].rules[0].claims.repository", "example/app",
                "inkan.oidc.issuers[0].rules[0].project", "app",
                "inkan.oidc.issuers[0].rules[0].role", "admin")))
                .hasStackTraceContaining("rules never grant the administrator role");
    }

    /** A misspelled role would grant nothing in silence: the server refuses to start, naming the setting. */
    @Test
    void aMisspelledRoleStopsTheServerNamingTheSettingAndTheValidRoles(@TempDir Path dir) {
        assertThatThrownBy(() -> TestServer.start(dir, Map.of(
                "inkan.oidc.issuers[0].issuer", ISSUER,
                "inkan.oidc.issuers[0].jwks-url", "http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks",
                "inkan.oidc.issuers[0].audience", "inkan",
                "inkan.oidc.issuers[0].rules[0].claims.repository", "example/app",
                "inkan.oidc.issuers[0].rules[0].project", "app",
                "inkan.oidc.issuers[0].rules[0].role", "Signer")))
                .hasMessageStartingWith("inkan.oidc.issuers[0].rules[0].role is 'Signer': the valid roles are signer, "
                        + "approver, custodian, auditor; rules never grant the administrator role");
    }

    @Test
    void aBranchOutsideTheRuleIsRefused() throws Exception {
        refused(signed(claims().claim("ref", "refs/heads/feature").build()), "matches no rule");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        refused(signed(claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))).build()),
                "Expired");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        refused(signed(claims().audience("someone-else").build()), "aud");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        refused(signed(claims().issuer("https://evil.example.test").build()), "unconfigured issuer");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused(new PlainJWT(claims().build()).serialize(), "OIDC token refused");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("ci-1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ci-1").build(), claims().build());
        jwt.sign(new RSASSASigner(impostor));
        refused(jwt.serialize(), "OIDC token refused");
    }

    @Test
    void garbageThatLooksLikeAJwtIsRefused() {
        refused("eyJhbGciOiJSUzI1NiJ9.bm9wZQ.c2ln", "malformed");
    }

    private void refused(String token, String reason) {
        long before = audit.recent(1).get(0).seq();
        ApiCaller.Response response = anonymous.as(token).get("/api/v1/whoami");
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).isEqualTo("A valid credential is required");
        var event = audit.recent(1).get(0);
        assertThat(event.seq()).isGreaterThan(before);
        assertThat(event.outcome()).isEqualTo("DENIED");
        assertThat(event.detail()).contains(reason);
        assertThat(event.source()).isNotBlank();
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("inkan")
                .subject("repo:example/app:ref:refs/tags/v1.2.0")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("repository", "example/app").claim("ref", "refs/tags/v1.2.0").claim("workflow", "release");
    }

    private String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ci-1").type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
