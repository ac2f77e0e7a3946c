package io.inkan.server.requests;

import io.inkan.client.audit.NoteKey;
import io.inkan.client.audit.SignedNote;
import io.inkan.client.audit.TreeHead;
import io.inkan.server.testing.Provisioning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks that opt in receive every signed audit checkpoint ({@code audit.checkpoint}), a copy outside the
 * server that the receiver can check with the published audit keys; webhooks that did not opt in get none.
 */
class CheckpointWebhookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aWebhookThatOptedInReceivesEachSignedCheckpointAndOthersDoNot(@TempDir Path dir) throws Exception {
        try (WorkflowFixture fixture = new WorkflowFixture(dir, Map.of("inkan.audit.checkpoint-every", "3"))) {
            fixture.provisioning.project("ops");
            String url = fixture.webhooks.url().toString();
            JsonNode witness = Provisioning.expect(fixture.provisioning.custodian("ops").post("/api/v1/projects/ops/webhooks",
                    Map.of("url", url, "auditCheckpoints", true)), 201).json();
            JsonNode plain = Provisioning.expect(fixture.provisioning.custodian("ops").post("/api/v1/projects/ops/webhooks",
                    Map.of("url", url)), 201).json();
            assertThat(witness.path("auditCheckpoints").asBoolean()).isTrue();
            assertThat(plain.path("auditCheckpoints").asBoolean()).isFalse();
            for (int i = 0; i < 3; i++) {
                fixture.provisioning.project("more-" + i);
            }

            WebhookReceiver.Call call = fixture.webhooks.next("audit.checkpoint", WorkflowFixture.WAIT);
            JsonNode body = JSON.readTree(call.body());
            SignedNote note = SignedNote.parse(body.path("checkpoint").path("note").asString());
            TreeHead head = TreeHead.parse(note.text());
            assertThat(body.path("checkpoint").path("size").asLong()).isEqualTo(head.size());
            assertThat(auditKeys(fixture)).anyMatch(key -> key.verifies(note));

            JdbcClient jdbc = fixture.server.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE event = 'audit.checkpoint' AND target = ?")
                    .param(plain.path("id").asString()).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE event = 'audit.checkpoint' AND target = ?")
                    .param(witness.path("id").asString()).query(Long.class).single()).isPositive();
        }
    }

    private static List<NoteKey> auditKeys(WorkflowFixture fixture) throws Exception {
        JsonNode keys = Provisioning.expect(fixture.admin.get("/api/v1/audit/keys"), 200).json();
        List<NoteKey> result = new ArrayList<>();
        for (JsonNode key : keys.path("keys")) {
            result.add(NoteKey.ecdsa(keys.path("origin").asString(), KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.path("publicKey").asString())))));
        }
        return result;
    }
}
