package io.inkan.server.identity;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;
import io.inkan.server.testkit.TwoNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL database, each caching tokens, principals, projects, profiles and keys
 * (decision 013): a change made through one node takes effect on the other's very next request, with no
 * waiting for any cache to expire.
 */
class TwoNodeConfigurationCacheTest {

    @Test
    void revocationsAndRemovedBindingsTakeEffectAtOnceOnTheOtherNode(@TempDir Path dir) throws Exception {
        TestPki corporate = new TestPki("corporate-ca");
        Map<String, String> trusted = Map.of("inkan.mtls.trusted-cas[0]",
                corporate.writeCertificate(dir.resolve("corporate.pem")).toString());
        try (TwoNodes nodes = TwoNodes.start(dir.resolve("a"), dir.resolve("b"), trusted)) {
            TestServer nodeA = nodes.a();
            TestServer nodeB = nodes.b();
            ApiCaller adminA = new ApiCaller(nodeA, nodeA.adminToken());
            Provisioning provisioning = Provisioning.audited(nodeA);
            provisioning.project("shared");
            provisioning.keyAndProfile("shared", "ec", KeyAlgorithm.EC_P256, "software");

            String token = provisioning.signerToken("shared");
            ApiCaller tokenOnB = new ApiCaller(nodeB, token);
            sign(tokenOnB, 200);
            sign(tokenOnB, 200);
            String id = expect(adminA.get("/api/v1/tokens"), 200).json().valueStream()
                    .filter(t -> t.get("name").asString().equals("signer-shared")).findFirst().orElseThrow()
                    .get("id").asString();
            expect(adminA.delete("/api/v1/tokens/" + id), 204);
            sign(tokenOnB, 401);

            expect(adminA.post("/api/v1/principals", Map.of("name", "alice", "kind", "human")), 201);
            expect(adminA.post("/api/v1/principals/alice/roles", Map.of("role", "signer", "project", "shared")), 200);
            Path p12 = dir.resolve("alice.p12");
            expect(adminA.post("/api/v1/principals/alice/certificates",
                    Map.of("certificate", TestPki.pem(corporate.issue("alice", p12)))), 201);
            ApiCaller aliceOnB = ApiCaller.withClientCertificate(nodeB, p12, TestPki.PASSWORD, false);
            sign(aliceOnB, 200);
            sign(aliceOnB, 200);
            expect(adminA.post("/api/v1/principals/alice/roles/remove",
                    Map.of("role", "signer", "project", "shared")), 200);
            sign(aliceOnB, 404);
            assertThat(expect(aliceOnB.get("/api/v1/whoami"), 200).json().get("roles").size()).isZero();
        }
    }

    private static void sign(ApiCaller caller, int status) {
        expect(ProfileApi.of(caller, "shared", "ec").sign(Digests.random(1)), status);
    }
}
