package io.inkan.server.signing;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.keys.KeyFingerprint;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.KeyImports;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import keys, fingerprints and key sets across restarts, on H2 and PostgreSQL: a key wrapped under the
 * import key fetched before a restart imports after it; fingerprints missing from older rows are filled
 * in at start-up; a rotated profile keeps its set and signs with its current key.
 */
class KeySetPersistenceTest {

    @Test
    void survivesRestartsOnH2(@TempDir Path dataDir) throws Exception {
        survivesRestarts(dataDir, Map.of());
    }

    @Test
    void survivesRestartsOnPostgres(@TempDir Path dataDir) throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            survivesRestarts(dataDir, database.properties());
        }
    }

    private void survivesRestarts(Path dataDir, Map<String, String> properties) throws Exception {
        PublicKey importKey;
        JsonNode old;
        String signerToken;
        String custodianToken;
        try (TestServer server = TestServer.start(dataDir, properties)) {
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("persist");
            old = provisioning.keyAndProfile("persist", "old", KeyAlgorithm.EC_P256, "software");
            custodianToken = provisioning.token("persist", "custodian");
            signerToken = provisioning.signerToken("persist");
            importKey = KeyImports.importKey(provisioning.custodian("persist"), "software");
            // As if the key had been generated before the fingerprint index existed.
            server.bean(JdbcClient.class).sql("UPDATE signing_keys SET public_key_sha256 = NULL").update();
        }
        KeyPair pair = TestPki.ecKey();
        try (TestServer server = TestServer.start(dataDir, properties)) {
            JdbcClient jdbc = server.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT public_key_sha256 FROM signing_keys WHERE name = 'old'").query(byte[].class).single())
                    .as("filled in at start-up").isEqualTo(KeyFingerprint.of(Provisioning.publicKey(old, KeyAlgorithm.EC_P256)));
            ApiCaller custodian = new ApiCaller(server, custodianToken);
            AuditExpectations audit = new AuditExpectations(server);
            assertThat(KeyImports.importKey(custodian, "software")).as("the import key survives").isEqualTo(importKey);
            Map<String, Object> body = KeyImports.request("imported", "software", importKey, pair.getPrivate(),
                    pair.getPublic(), null);
            audit.expectOne(() -> custodian.post("/api/v1/projects/persist/keys/import", body), 201, AuditAction.KEY_IMPORT.value(),
                    "SUCCESS", "persist", "custodian-persist");
            audit.expectOne(() -> custodian.post("/api/v1/projects/persist/profiles/old/rotate", Map.of("key", "imported")),
                    200, AuditAction.PROFILE_ROTATE.value(), "SUCCESS", "persist", "custodian-persist");
        }
        try (TestServer server = TestServer.start(dataDir, properties)) {
            ApiCaller signer = new ApiCaller(server, signerToken);
            JsonNode set = expect(signer.get("/api/v1/projects/persist/profiles/old/keys"), 200).json();
            assertThat(set.get("currentKey").asString()).isEqualTo("imported");
            assertThat(set.get("keys")).hasSize(2);
            assertThat(set.get("keys").get(1).get("key").asString()).isEqualTo("old");
            assertThat(set.get("keys").get(1).get("state").asString()).isEqualTo("RETIRED");

            byte[] message = "a release after two restarts".getBytes();
            JsonNode response = expect(signer.post("/api/v1/projects/persist/profiles/old/sign", Map.of("algorithm",
                    "ECDSA_SHA256", "items", List.of(Map.of("digest", Base64.getEncoder().encodeToString(
                            SignatureAlgorithm.ECDSA_SHA256.digest().newDigest().digest(message)))))), 200).json();
            assertThat(response.get("key").asString()).isEqualTo("imported");
            Signature verifier = SignatureAlgorithm.ECDSA_SHA256.newVerifier();
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(Base64.getDecoder().decode(response.get("signatures").get(0).asString()))).isTrue();
        }
    }
}
