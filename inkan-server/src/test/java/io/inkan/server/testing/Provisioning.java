package io.inkan.server.testing;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sets up what a signing test needs through the public API, as the people involved would: the
 * administrator creates the project and issues tokens, the project's key custodian generates the key
 * and profile, and a signer token signs. Built with {@link #audited}, it also asserts that each call
 * left exactly its audit record, so every test that provisions checks the trail too.
 */
public final class Provisioning {

    private static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

    private final Map<String, ApiCaller> custodians = new HashMap<>();

    private final ApiCaller admin;
    private final AuditExpectations audit;

    /** Without audit assertions, e.g. for benchmarks. */
    public Provisioning(ApiCaller admin) {
        this(admin, null);
    }

    private Provisioning(ApiCaller admin, AuditExpectations audit) {
        this.admin = admin;
        this.audit = audit;
    }

    /** As the server's bootstrap administrator, asserting the audit record of every call. */
    public static Provisioning audited(TestServer server) {
        return new Provisioning(new ApiCaller(server, server.adminToken()), new AuditExpectations(server));
    }

    public void project(String project) {
        call(() -> admin.post("/api/v1/projects", Map.of("name", project)), AuditAction.PROJECT_CREATE.value(), project);
    }

    /** Generates a key and a profile of the same name allowing every algorithm of the key's family. */
    public JsonNode keyAndProfile(String project, String name, KeyAlgorithm algorithm, String token) {
        ApiCaller custodian = custodian(project);
        String actor = "custodian-" + project;
        JsonNode key = call(() -> custodian.post("/api/v1/projects/" + project + "/keys",
                Map.of("name", name, "algorithm", algorithm.name(), "token", token)), AuditAction.KEY_CREATE.value(), project, actor)
                .json();
        call(() -> custodian.post("/api/v1/projects/" + project + "/profiles", Map.of("name", name, "key", name)),
                AuditAction.PROFILE_CREATE.value(), project, actor);
        return key;
    }

    /** A caller holding the key custodian role of {@code project} (one token per project, issued on first use). */
    public ApiCaller custodian(String project) {
        return custodians.computeIfAbsent(project, p -> admin.as(token(p, "custodian")));
    }

    /** A signer token's secret for {@code project}. */
    public String signerToken(String project) {
        return token(project, "signer");
    }

    /** The secret of a new token with one role binding in {@code project}. */
    public String token(String project, String role) {
        return call(() -> admin.post("/api/v1/tokens",
                Map.of("name", role + "-" + project, "role", role, "project", project)), AuditAction.TOKEN_CREATE.value(), project)
                .json().get("secret").asString();
    }

    /** Expects 201 Created and, when audited, exactly one successful record of {@code action}. */
    private ApiCaller.Response call(Supplier<ApiCaller.Response> call, String action, String project) {
        return call(call, action, project, BOOTSTRAP_ADMIN);
    }

    private ApiCaller.Response call(Supplier<ApiCaller.Response> call, String action, String project, String actor) {
        if (audit == null) {
            return expect(call.get(), 201);
        }
        return audit.expectOne(call, 201, action, "SUCCESS", project, actor).response();
    }

    public static ApiCaller.Response expect(ApiCaller.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + response);
        }
        return response;
    }

    public static PublicKey publicKey(JsonNode keyOrResponse, KeyAlgorithm algorithm) throws GeneralSecurityException {
        byte[] encoded = Base64.getDecoder().decode(keyOrResponse.get("publicKey").asString());
        return KeyFactory.getInstance(algorithm.family().jcaName()).generatePublic(new X509EncodedKeySpec(encoded));
    }

    public static X509Certificate leafCertificate(JsonNode keyOrResponse) throws GeneralSecurityException {
        byte[] der = Base64.getDecoder().decode(keyOrResponse.get("certificateChain").get(0).asString());
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
