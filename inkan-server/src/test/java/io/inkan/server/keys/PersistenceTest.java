package io.inkan.server.keys;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, profiles and tokens survive a restart, on H2 and on PostgreSQL, and the keys still produce
 * signatures that verify against the public key stored before the restart.
 */
class PersistenceTest {

    @Test
    void survivesRestartOnH2(@TempDir Path dataDir) throws Exception {
        survivesRestart(dataDir, Map.of());
    }

    @Test
    void survivesRestartOnPostgres(@TempDir Path dataDir) throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            survivesRestart(dataDir, database.properties());
        }
    }

    private void survivesRestart(Path dataDir, Map<String, String> properties) throws Exception {
        JsonNode rsaKey;
        JsonNode edKey;
        String signerToken;
        try (TestServer server = TestServer.start(dataDir, properties)) {
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("persist");
            rsaKey = provisioning.keyAndProfile("persist", "rsa", KeyAlgorithm.RSA_2048, "software");
            edKey = provisioning.keyAndProfile("persist", "ed", KeyAlgorithm.ED25519, "software");
            signerToken = provisioning.signerToken("persist");
        }
        try (TestServer server = TestServer.start(dataDir, properties)) {
            ApiCaller admin = new ApiCaller(server, server.adminToken());
            assertThat(server.bean(AuditLog.class).recent(100)).extracting(AuditEntry::action)
                    .contains(AuditAction.SERVER_STOP.value(), AuditAction.SERVER_START.value());
            assertThat(expect(admin.get("/api/v1/audit/verify"), 200).json().get("intact").asBoolean())
                    .as("the trail survives a restart").isTrue();
            JsonNode keys = expect(admin.get("/api/v1/projects/persist/keys"), 200).json();
            assertThat(keys.size()).isEqualTo(2);
            assertThat(expect(admin.get("/api/v1/projects/persist/profiles"), 200).json().size()).isEqualTo(2);
            assertThat(expect(admin.get("/api/v1/projects/persist/keys/rsa"), 200).json().get("publicKey"))
                    .isEqualTo(rsaKey.get("publicKey"));

            ApiCaller signer = admin.as(signerToken);
            verifies(signer, "rsa", SignatureAlgorithm.RSA_PSS_SHA256, Provisioning.publicKey(rsaKey, KeyAlgorithm.RSA_2048));
            verifies(signer, "ed", SignatureAlgorithm.ED25519, Provisioning.publicKey(edKey, KeyAlgorithm.ED25519));
        }
    }

    private static void verifies(ApiCaller signer, String profile, SignatureAlgorithm algorithm, PublicKey storedKey)
            throws Exception {
        byte[] message = ("release artifact for " + profile).getBytes();
        String value = Base64.getEncoder().encodeToString(
                algorithm.isPrehashed() ? algorithm.digest().newDigest().digest(message) : message);
        JsonNode response = expect(signer.post("/api/v1/projects/persist/profiles/" + profile + "/sign",
                Map.of("algorithm", algorithm.name(), "items",
                        List.of(Map.of(algorithm.isPrehashed() ? "digest" : "data", value)))), 200).json();
        Signature verifier = algorithm.newVerifier();
        verifier.initVerify(storedKey);
        verifier.update(message);
        assertThat(verifier.verify(Base64.getDecoder().decode(response.get("signatures").get(0).asString()))).isTrue();
    }
}
