package io.inkan.server.web;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** Health, readiness, Prometheus metrics and the OpenAPI description, as operators and tools see them. */
class OperationsEndpointsTest {

    @Test
    void healthMetricsAndApiDescription(@TempDir Path dataDir) {
        try (TestServer server = TestServer.start(dataDir)) {
            ApiCaller anonymous = new ApiCaller(server, null);
            assertThat(expect(anonymous.get("/actuator/health/readiness"), 200).json().get("status").asString()).isEqualTo("UP");
            assertThat(expect(anonymous.get("/actuator/health/liveness"), 200).json().get("status").asString()).isEqualTo("UP");

            ApiCaller admin = anonymous.as(server.adminToken());
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("ops");
            provisioning.keyAndProfile("ops", "ec", KeyAlgorithm.EC_P256, "software");
            ApiCaller signer = admin.as(provisioning.signerToken("ops"));
            List<Map<String, String>> items = List.of(Map.of("digest", Base64.getEncoder().encodeToString(new byte[32])),
                    Map.of("digest", Base64.getEncoder().encodeToString(new byte[32])));
            expect(signer.post("/api/v1/projects/ops/profiles/ec/sign", Map.of("algorithm", "ECDSA_SHA256", "items", items)), 200);

            String metrics = expect(anonymous.get("/actuator/prometheus"), 200).body();
            assertThat(metrics).contains("inkan_signatures_total{algorithm=\"ECDSA_SHA256\",token=\"SOFTWARE\"} 2.0");
            assertThat(metrics).contains("http_server_requests_seconds_count");

            String openApi = expect(anonymous.get("/v3/api-docs"), 200).body();
            assertThat(openApi).contains("\"/api/v1/projects/{project}/profiles/{profile}/sign\"",
                    "\"/api/v1/projects/{project}/keys\"", "\"/api/v1/tokens\"", "SignHashRequest");

            assertThat(anonymous.get("/actuator/env").status()).as("other actuator endpoints stay closed").isIn(401, 404);
            assertThat(anonymous.get("/anything-else").status()).isEqualTo(401);
        }
    }
}
