package io.inkan.server.testing;

import io.inkan.core.KeyAlgorithm;
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

/**
 * Sets up what a signing test needs through the public API, as the people involved would: the
 * administrator creates the project and issues tokens, the project's key custodian generates the key
 * and profile, and a signer token signs.
 */
public final class Provisioning {

    private final ApiCaller admin;
    private final Map<String, ApiCaller> custodians = new HashMap<>();

    public Provisioning(ApiCaller admin) {
        this.admin = admin;
    }

    public void project(String project) {
        expect(admin.post("/api/v1/projects", Map.of("name", project)), 201);
    }

    /** Generates a key and a profile of the same name allowing every algorithm of the key's family. */
    public JsonNode keyAndProfile(String project, String name, KeyAlgorithm algorithm, String token) {
        ApiCaller custodian = custodian(project);
        JsonNode key = expect(custodian.post("/api/v1/projects/" + project + "/keys",
                Map.of("name", name, "algorithm", algorithm.name(), "token", token)), 201).json();
        expect(custodian.post("/api/v1/projects/" + project + "/profiles", Map.of("name", name, "key", name)), 201);
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
        return expect(admin.post("/api/v1/tokens",
                Map.of("name", role + "-" + project, "role", role, "project", project)), 201)
                .json().get("secret").asString();
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
