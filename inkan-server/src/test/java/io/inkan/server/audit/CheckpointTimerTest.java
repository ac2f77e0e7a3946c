package io.inkan.server.audit;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** A quiet trail is signed by the timer (every T seconds), not only every N records. */
class CheckpointTimerTest {

    @Test
    void theTimerSignsTheHeadOfAQuietTrail(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of("inkan.audit.checkpoint-every", "1000",
                "inkan.audit.checkpoint-interval", "1s"))) {
            Provisioning.audited(server).project("quiet");
            ApiCaller admin = new ApiCaller(server, server.adminToken());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            JsonNode verdict = expect(admin.get("/api/v1/audit/verify"), 200).json();
            while (verdict.get("unsignedRecords").asLong() > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                verdict = expect(admin.get("/api/v1/audit/verify"), 200).json();
            }
            assertThat(verdict.get("intact").asBoolean()).isTrue();
            assertThat(verdict.get("lastCheckpointSeq").asLong()).isEqualTo(verdict.get("lastSeq").asLong()).isGreaterThanOrEqualTo(3);
        }
    }
}
