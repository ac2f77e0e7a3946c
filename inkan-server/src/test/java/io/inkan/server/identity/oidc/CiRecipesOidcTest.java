package io.inkan.server.identity.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ByteArrayResource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code inkan.oidc} examples of docs/ci.md, read from the page itself, against ID tokens shaped like
 * those GitHub Actions, GitLab CI, Jenkins (oidc-provider plugin) and Azure DevOps (workload identity
 * federation) issue: their issuer, audience and claims, signed by a local JWKS that stands in for each
 * issuer's. A release build of the named repository, tag or job signs; a build outside the rule does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CiRecipesOidcTest {

    private static final Path CI_DOC = Path.of("..", "docs", "ci.md");
    private static final Pattern SERVER_YAML = Pattern.compile("```yaml\n(inkan:\n  oidc:\n.*?)```", Pattern.DOTALL);
    private static final String SIGN = "/api/v1/projects/app/profiles/release/sign";
    private static final Map<String, Object> SIGN_REQUEST = Map.of("algorithm", "ECDSA_SHA256",
            "items", List.of(Map.of("digest", "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=")));

    private HttpServer jwks;
    private RSAKey key;
    private TestServer server;
    private ApiCaller anonymous;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        key = new RSAKeyGenerator(2048).keyID("ci").generate();
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        server = TestServer.start(dir, documentedIssuers("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks"));
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = new Provisioning(admin);
        provisioning.project("app");
        provisioning.keyAndProfile("app", "release", KeyAlgorithm.EC_P256, "software");
        anonymous = admin.as(null);
    }

    @AfterAll
    void stop() {
        server.close();
        jwks.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"github", "gitlab", "jenkins", "azure"})
    void aReleaseBuildSignsAndOneOutsideTheRuleDoesNot(String system) throws Exception {
        ApiCaller release = anonymous.as(signed(releaseBuild(system)));
        var me = expect(release.get("/api/v1/whoami"), 200).json();
        assertThat(me.get("kind").asString()).isEqualTo("ci");
        assertThat(me.get("roles").toString()).contains("app:signer");
        expect(release.post(SIGN, SIGN_REQUEST), 200);

        ApiCaller other = anonymous.as(signed(otherBuild(system)));
        assertThat(other.get("/api/v1/whoami").status()).isEqualTo(401);
        assertThat(other.post(SIGN, SIGN_REQUEST).status()).isEqualTo(401);
    }

    /** Every {@code inkan: oidc:} block of docs/ci.md as one configuration, each issuer's keys served locally. */
    private static Map<String, String> documentedIssuers(String jwksUrl) throws Exception {
        Matcher blocks = SERVER_YAML.matcher(Files.readString(CI_DOC));
        Map<String, String> properties = new HashMap<>();
        int issuer = 0;
        while (blocks.find()) {
            YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
            yaml.setResources(new ByteArrayResource(blocks.group(1).getBytes(StandardCharsets.UTF_8)));
            Properties block = yaml.getObject();
            for (String name : block.stringPropertyNames()) {
                properties.put(name.replace("inkan.oidc.issuers[0]", "inkan.oidc.issuers[" + issuer + "]"),
                        String.valueOf(block.get(name)));
            }
            properties.put("inkan.oidc.issuers[" + issuer + "].jwks-url", jwksUrl);
            issuer++;
        }
        assertThat(issuer).as("inkan.oidc examples in " + CI_DOC).isEqualTo(4);
        return properties;
    }

    private static JWTClaimsSet releaseBuild(String system) {
        return switch (system) {
            case "github" -> github("refs/tags/v1.2.0").build();
            case "gitlab" -> gitlab("true").build();
            case "jenkins" -> jenkins("https://jenkins.example/job/app/job/release/").build();
            case "azure" -> azure("sc://example/app/inkan-release").build();
            default -> throw new IllegalArgumentException(system);
        };
    }

    /** The same system's token for a build the documented rule must not let sign. */
    private static JWTClaimsSet otherBuild(String system) {
        return switch (system) {
            case "github" -> github("refs/heads/main").build();
            case "gitlab" -> gitlab("false").build();
            case "jenkins" -> jenkins("https://jenkins.example/job/app/job/feature/").build();
            case "azure" -> azure("sc://example/app/another-connection").build();
            default -> throw new IllegalArgumentException(system);
        };
    }

    private static JWTClaimsSet.Builder github(String ref) {
        return issued("https://token.actions.githubusercontent.com", "inkan", "repo:example/app:ref:" + ref)
                .claim("repository", "example/app").claim("repository_owner", "example").claim("ref", ref)
                .claim("ref_type", ref.startsWith("refs/tags/") ? "tag" : "branch").claim("workflow", "release")
                .claim("job_workflow_ref", "example/app/.github/workflows/release.yml@" + ref)
                .claim("event_name", "push").claim("actor", "alice").claim("run_id", "4711")
                .claim("sha", "8f2c0e7d6b1a4c3e9f5d2b7a6c1e0f9d8b7a6c5e");
    }

    private static JWTClaimsSet.Builder gitlab(String protectedRef) {
        return issued("https://gitlab.com", "inkan", "project_path:example/app:ref_type:tag:ref:v1.2.0")
                .claim("namespace_path", "example").claim("project_path", "example/app").claim("ref", "v1.2.0")
                .claim("ref_type", "tag").claim("ref_protected", protectedRef).claim("pipeline_source", "push")
                .claim("user_login", "alice").claim("job_id", "302");
    }

    private static JWTClaimsSet.Builder jenkins(String jobUrl) {
        return issued("https://jenkins.example/oidc", "inkan", jobUrl).claim("build_number", 42);
    }

    private static JWTClaimsSet.Builder azure(String serviceConnection) {
        return issued("https://vstoken.dev.azure.com/6b1d1c5e-0f52-4b1e-9f4e-3a2f0e8d7c61",
                "api://AzureADTokenExchange", serviceConnection);
    }

    private static JWTClaimsSet.Builder issued(String issuer, String audience, String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ci").type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
