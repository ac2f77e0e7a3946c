package io.inkan.server.audit;

import io.inkan.client.audit.AuditVerification;
import io.inkan.client.audit.SignedNote;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit key rotates: only a key custodian may rotate it (administrators may not), every checkpoint names
 * the key that signed it, the retired key stays published, and the log verifies across the rotation.
 */
class AuditKeyRotationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCustodianRotatesTheAuditKeyAndTheLogVerifiesAcrossTheRotation(@TempDir Path dir) {
        try (TestServer server = TestServer.start(dir, Map.of("inkan.audit.checkpoint-every", "3"))) {
            ApiCaller admin = new ApiCaller(server, server.adminToken());
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("ops");
            ApiCaller custodian = provisioning.custodian("ops");
            String before = Provisioning.expect(admin.get("/api/v1/audit/keys"), 200).json()
                    .path("keys").get(0).path("id").asString();

            assertThat(admin.post("/api/v1/audit/keys/rotate", Map.of()).status()).isEqualTo(403);
            String after = Provisioning.expect(custodian.post("/api/v1/audit/keys/rotate", Map.of()), 200).json()
                    .path("id").asString();
            assertThat(after).isNotEqualTo(before);
            for (int i = 0; i < 4; i++) {
                provisioning.project("after-" + i);
            }

            JsonNode keys = Provisioning.expect(admin.get("/api/v1/audit/keys"), 200).json().path("keys");
            assertThat(keys).hasSize(2);
            assertThat(keys.get(0).path("id").asString()).isEqualTo(before);
            assertThat(keys.get(0).path("retiredAt").isNull()).isFalse();
            assertThat(keys.get(1).path("retiredAt").isNull()).isTrue();
            List<String> signers = server.bean(JdbcClient.class)
                    .sql("SELECT note FROM audit_checkpoints WHERE note IS NOT NULL ORDER BY seq").query(String.class).list()
                    .stream().map(note -> String.format("%08x", SignedNote.parse(note).signatures().get(0).keyId())).toList();
            assertThat(signers).contains(before, after);
            assertThat(signers.indexOf(after)).isGreaterThan(signers.lastIndexOf(before));

            AuditVerification verdict = JSON.readValue(Provisioning.expect(admin.get("/api/v1/audit/verify"), 200).body(),
                    AuditVerification.class);
            assertThat(verdict.intact()).as(verdict.message()).isTrue();
        }
    }
}
