package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * M3 across nodes: two servers share one PostgreSQL database; a SAD consumed on one node is refused on
 * the other, and a renewal chain cannot be forked across nodes, not even by fifty racing requests.
 */
class TwoNodeSadTest {

    private static final int ROUNDS = 3;

    @Test
    void aSadConsumedOnOneNodeIsRefusedOnTheOther(@TempDir Path first, @TempDir Path second) {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> shared = new HashMap<>(database.properties());
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            shared.put("inkan.software-token.master-key", Base64.getEncoder().encodeToString(masterKey));
            try (TestServer nodeA = TestServer.start(first, shared); TestServer nodeB = TestServer.start(second, shared)) {
                Provisioning provisioning = Provisioning.audited(nodeA);
                provisioning.project("shared");
                provisioning.keyAndProfile("shared", "ec", KeyAlgorithm.EC_P256, "software");
                String token = provisioning.signerToken("shared");
                ApiCaller onA = new ApiCaller(nodeA, token);
                ApiCaller onB = new ApiCaller(nodeB, token);

                String digest = digest();
                String sad = expect(onA.post(path("authorize"), Map.of("algorithm", "ECDSA_SHA256",
                        "digests", List.of(digest))), 201).json().get("sad").asString();
                expect(onA.post(path("sign"), signRequest(sad, digest, false)), 200);
                ApiCaller.Response replay = onB.post(path("sign"), signRequest(sad, digest, false));
                assertThat(replay.status()).isEqualTo(409);
                assertThat(replay.problemType()).isEqualTo("sad-consumed");

                String one = digest();
                String two = digest();
                String chain = expect(onB.post(path("authorize"), Map.of("algorithm", "ECDSA_SHA256",
                        "digests", List.of(one, two))), 201).json().get("sad").asString();
                String next = expect(onB.post(path("sign"), signRequest(chain, one, true)), 200).json()
                        .get("nextSad").get("sad").asString();
                ApiCaller.Response fork = onA.post(path("sign"), signRequest(chain, two, true));
                assertThat(fork.status()).isEqualTo(409);
                assertThat(fork.problemType()).isEqualTo("sad-consumed");
                expect(onA.post(path("sign"), signRequest(next, two, false)), 200);
            }
        }
    }

    @Test
    void renewalForkAcrossTwoNodesSignsEachDigestOnce(@TempDir Path first, @TempDir Path second) throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> shared = new HashMap<>(database.properties());
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            shared.put("inkan.software-token.master-key", Base64.getEncoder().encodeToString(masterKey));
            try (TestServer nodeA = TestServer.start(first, shared); TestServer nodeB = TestServer.start(second, shared)) {
                Provisioning provisioning = Provisioning.audited(nodeA);
                provisioning.project("shared");
                provisioning.keyAndProfile("shared", "ec", KeyAlgorithm.EC_P256, "software");
                String token = provisioning.signerToken("shared");
                RenewalRace race = new RenewalRace("/api/v1/projects/shared/profiles/ec",
                        List.of(new ApiCaller(nodeA, token), new ApiCaller(nodeB, token)));
                for (int round = 0; round < ROUNDS; round++) {
                    race.round();
                }
            }
        }
    }

    private static Map<String, Object> signRequest(String sad, String digest, boolean renew) {
        return Map.of("algorithm", "ECDSA_SHA256", "items", List.of(Map.of("digest", digest)), "sad", sad,
                "renew", renew);
    }

    private static String path(String operation) {
        return "/api/v1/projects/shared/profiles/ec/" + operation;
    }

    private static String digest() {
        byte[] digest = new byte[32];
        new SecureRandom().nextBytes(digest);
        return Base64.getEncoder().encodeToString(digest);
    }
}
