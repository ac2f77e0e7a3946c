package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;
import io.inkan.server.testkit.TwoNodes;
import io.inkan.server.testkit.Refusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.inkan.server.testing.Provisioning.expect;

/**
 * M3 across nodes: two servers share one PostgreSQL database; a SAD consumed on one node is refused on
 * the other, and a renewal chain cannot be forked across nodes, not even by fifty racing requests.
 */
class TwoNodeSadTest {

    private static final int ROUNDS = 3;

    @Test
    void aSadConsumedOnOneNodeIsRefusedOnTheOther(@TempDir Path first, @TempDir Path second) {
        try (TwoNodes nodes = TwoNodes.start(first, second)) {
            List<ProfileApi> profile = provisionSigner(nodes);
            ProfileApi onA = profile.get(0);
            ProfileApi onB = profile.get(1);

            List<byte[]> digest = Digests.random(1);
            String sad = expect(onA.authorize(digest), 201).json().get("sad").asString();
            expect(onA.sign(digest, sad), 200);
            ApiCaller.Response replay = onB.sign(digest, sad);
            Refusals.assertProblem(replay, 409, "sad-consumed");

            List<byte[]> digests = Digests.random(2);
            List<byte[]> one = digests.subList(0, 1);
            List<byte[]> two = digests.subList(1, 2);
            String chain = expect(onB.authorize(digests), 201).json().get("sad").asString();
            String next = expect(onB.signRenewing(one, chain), 200).json().get("nextSad").get("sad").asString();
            ApiCaller.Response fork = onA.signRenewing(two, chain);
            Refusals.assertProblem(fork, 409, "sad-consumed");
            expect(onA.sign(two, next), 200);
        }
    }

    @Test
    void renewalForkAcrossTwoNodesSignsEachDigestOnce(@TempDir Path first, @TempDir Path second) throws Exception {
        try (TwoNodes nodes = TwoNodes.start(first, second)) {
            RenewalRace race = new RenewalRace(provisionSigner(nodes));
            for (int round = 0; round < ROUNDS; round++) {
                race.round();
            }
        }
    }

    /** Project "shared" with an EC profile "ec", as one signer calls it on node A and on node B. */
    private static List<ProfileApi> provisionSigner(TwoNodes nodes) {
        Provisioning provisioning = Provisioning.audited(nodes.a());
        provisioning.project("shared");
        provisioning.keyAndProfile("shared", "ec", KeyAlgorithm.EC_P256, "software");
        String token = provisioning.signerToken("shared");
        return List.of(ProfileApi.of(new ApiCaller(nodes.a(), token), "shared", "ec"),
                ProfileApi.of(new ApiCaller(nodes.b(), token), "shared", "ec"));
    }
}
