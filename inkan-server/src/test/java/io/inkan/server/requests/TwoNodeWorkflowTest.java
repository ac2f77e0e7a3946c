package io.inkan.server.requests;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.TestClock;
import io.inkan.server.testkit.TwoNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * O3 for the workflow: two nodes on one PostgreSQL database both run the expiry job and both deliver
 * notifications, yet every request expires once (one audit record) and every webhook call is made once;
 * and the SAD of an approved request, collected again on one node while used on the other, signs once.
 */
class TwoNodeWorkflowTest {

    private static final int REQUESTS = 8;

    @Test
    void collectingTheSadAgainOnOneNodeWhileItIsUsedOnTheOtherSignsTheBatchOnce(@TempDir Path first,
                                                                              @TempDir Path second) throws Exception {
        try (TwoNodes nodes = TwoNodes.start(first, second)) {
            TestServer nodeA = nodes.a();
            TestServer nodeB = nodes.b();
            Provisioning provisioning = Provisioning.audited(nodeA);
            provisioning.project("shared");
            provisioning.keyAndProfile("shared", "release", KeyAlgorithm.EC_P256, "software");
            expect(provisioning.custodian("shared").put("/api/v1/projects/shared/profiles/release/policy",
                    Map.of("approvalsRequired", 1)), 200);
            String signer = provisioning.signerToken("shared");
            SadCollectionRace race = new SadCollectionRace("shared",
                    List.of(new ApiCaller(nodeA, signer), new ApiCaller(nodeB, signer)),
                    new ApiCaller(nodeB, provisioning.token("shared", "approver")));
            for (int round = 0; round < 3; round++) {
                race.round();
            }
        }
    }

    @Test
    void periodicJobsAndDeliveriesHappenOnceAcrossNodes(@TempDir Path first, @TempDir Path second) throws Exception {
        Map<String, String> settings = new HashMap<>(TestServer.LOOPBACK_RECEIVERS);
        settings.put("inkan.workflow.job-interval", "100ms");
        settings.put("inkan.notifications.delivery-interval", "100ms");
        TestClock clock = new TestClock();
        try (WebhookReceiver receiver = new WebhookReceiver();
             TwoNodes nodes = TwoNodes.start(first, second, settings, clock)) {
            TestServer nodeA = nodes.a();
            TestServer nodeB = nodes.b();
            Provisioning provisioning = Provisioning.audited(nodeA);
            provisioning.project("shared");
            provisioning.keyAndProfile("shared", "release", KeyAlgorithm.EC_P256, "software");
            expect(provisioning.custodian("shared").put("/api/v1/projects/shared/profiles/release/policy",
                    Map.of("approvalsRequired", 1, "requestTimeoutSeconds", 2, "reminderSeconds", 1)), 200);
            expect(provisioning.custodian("shared").post("/api/v1/projects/shared/webhooks",
                    Map.of("url", receiver.url().toString())), 201);
            String signer = provisioning.signerToken("shared");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                ApiCaller caller = new ApiCaller(i % 2 == 0 ? nodeA : nodeB, signer);
                ids.add(expect(caller.post("/api/v1/projects/shared/requests", Map.of("profile", "release",
                        "algorithm", "ECDSA_SHA256", "reason", "r" + i, "items", List.of(Map.of("artifact", "a.jar",
                                "digest", Digests.sha256Base64("n" + i))))), 201).json().get("id").asString());
            }
            clock.advance(Duration.ofSeconds(2));
            ApiCaller reader = new ApiCaller(nodeB, signer);
            for (String id : ids) {
                assertThat(reader.get(ApiPaths.request("shared", id) + "?wait=30").json()
                        .get("state").asString()).isEqualTo("expired");
            }
            Map<String, Integer> expiredWebhooks = new HashMap<>();
            Instant deadline = Instant.now().plusSeconds(20);
            while (expiredWebhooks.values().stream().mapToInt(Integer::intValue).sum() < REQUESTS
                    && Instant.now().isBefore(deadline)) {
                WebhookReceiver.Call call = receiver.next("request.expired", "shared", Duration.ofSeconds(20));
                String body = new String(call.body());
                ids.stream().filter(body::contains).forEach(id -> expiredWebhooks.merge(id, 1, Integer::sum));
            }
            Thread.sleep(1000);
            for (WebhookReceiver.Call late : receiver.drain()) {
                String body = new String(late.body());
                if ("request.expired".equals(late.event())) {
                    ids.stream().filter(body::contains).forEach(id -> expiredWebhooks.merge(id, 1, Integer::sum));
                }
            }
            List<AuditEntry> records = nodeA.bean(AuditLog.class).recent(500);
            for (String id : ids) {
                assertThat(records.stream().filter(e -> e.action().equals(AuditAction.SIGNING_REQUEST_EXPIRE.value())
                        && e.detail().contains(id)).count()).as("expiry records of " + id).isEqualTo(1);
                assertThat(records.stream().filter(e -> e.action().equals(AuditAction.SIGNING_REQUEST_REMIND.value())
                        && e.detail().contains(id)).count()).as("reminder records of " + id).isLessThanOrEqualTo(1);
            }
            assertThat(expiredWebhooks).hasSize(REQUESTS);
            assertThat(expiredWebhooks.values().stream().collect(Collectors.toSet())).containsExactly(1);
        }
    }
}
