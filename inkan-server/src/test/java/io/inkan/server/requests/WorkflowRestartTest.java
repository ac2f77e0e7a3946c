package io.inkan.server.requests;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testkit.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** W4: a request in flight survives a restart of the server on the same data directory, decisions included. */
class WorkflowRestartTest {

    @Test
    void aRestartInTheMiddleKeepsTheRequestAndItsApprovals(@TempDir Path dir) throws Exception {
        try (WorkflowFixture fixture = new WorkflowFixture(dir)) {
            fixture.project("keep", Map.of("approvalsRequired", 2));
            ApiCaller alice = fixture.person("alice", "keep", "approver");
            fixture.person("bob", "keep", "approver");
            String signerToken = fixture.provisioning.signerToken("keep");
            ApiCaller signer = fixture.admin.as(signerToken);
            String id = fixture.audit.expectOne(() -> signer.post("/api/v1/projects/keep/requests", Map.of(
                            "profile", "release", "algorithm", "ECDSA_SHA256", "reason", "release 3.1",
                            "items", List.of(Map.of("artifact", "keep-3.1.jar", "digest",
                                    Digests.sha256Base64("keep"), "size", 10)))),
                    201, AuditAction.SIGNING_REQUEST_CREATE.value(), "SUCCESS", "keep", "signer-keep").response().json()
                    .get("id").asString();
            fixture.audit.expectOne(() -> alice.post("/api/v1/projects/keep/requests/" + id + "/approve", Map.of()),
                    200, AuditAction.APPROVAL_APPROVE.value(), "SUCCESS", "keep", "alice");

            fixture.restart();

            ApiCaller signerAgain = new ApiCaller(fixture.server, signerToken);
            JsonNode kept = signerAgain.get("/api/v1/projects/keep/requests/" + id).json();
            assertThat(kept.get("state").asString()).isEqualTo("requested");
            assertThat(kept.get("reason").asString()).isEqualTo("release 3.1");
            assertThat(kept.get("items").get(0).get("artifact").asString()).isEqualTo("keep-3.1.jar");
            assertThat(kept.get("items").get(0).get("digest").asString()).isEqualTo(Digests.sha256Base64("keep"));
            assertThat(kept.get("decisions").get(0).get("principal").asString()).isEqualTo("alice");

            ApiCaller aliceAgain = fixture.personAgain("alice");
            assertThat(aliceAgain.post("/api/v1/projects/keep/requests/" + id + "/approve", Map.of()).json()
                    .get("type").asString()).as("her approval before the restart still counts")
                    .isEqualTo("urn:inkan:problem:separation-of-duties");
            JsonNode approved = fixture.audit.expectOne(() -> fixture.personAgain("bob")
                            .post("/api/v1/projects/keep/requests/" + id + "/approve", Map.of()),
                    200, AuditAction.APPROVAL_APPROVE.value(), "SUCCESS", "keep", "bob").response().json();
            assertThat(approved.get("state").asString()).isEqualTo("approved");
            assertThat(fixture.mailTo("bob@example.com", 1).get(0).getSubject()).contains("approval requested");
        }
    }
}
