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
import java.util.Map;

/**
 * Sets up what a signing test needs through the public API, as an administrator would: a project, a
 * key in a chosen token, a profile and a signer token.
 */
public final class Provisioning {

    private final ApiCaller admin;

    public Provisioning(ApiCaller admin) {
        this.admin = admin;
    }

    public void project(String project) {
        expect(admin.post("/api/v1/projects", Map.of("name", project)), 201);
    }

    /** Generates a key and a profile of the same name allowing every algorithm of the key's family. */
    public JsonNode keyAndProfile(String project, String name, KeyAlgorithm algorithm, String token) {
        JsonNode key = expect(admin.post("/api/v1/projects/" + project + "/keys",
                Map.of("name", name, "algorithm", algorithm.name(), "token", token)), 201).json();
        expect(admin.post("/api/v1/projects/" + project + "/profiles", Map.of("name", name, "key", name)), 201);
        return key;
    }

    /** A signer token's secret for {@code project}. */
    public String signerToken(String project) {
        return expect(admin.post("/api/v1/tokens",
                Map.of("name", "signer-" + project, "role", "signer", "project", project)), 201)
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
