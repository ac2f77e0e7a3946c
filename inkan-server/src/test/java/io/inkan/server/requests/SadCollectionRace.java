package io.inkan.server.requests;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collecting the SAD of an approved request again, racing signing with it (issue 15): {@value #REQUESTS}
 * concurrent requests, half collecting the SAD again, half signing the batch with the first one, spread
 * over the given callers (one per node, all the requester). Afterwards every SAD handed out is tried once
 * more. The batch is signed exactly once over the whole round: a collection revokes the handle it
 * replaces, and once a digest is reserved no collection succeeds.
 */
final class SadCollectionRace {

    static final int REQUESTS = 20;

    private final String project;
    private final List<ApiCaller> requester;
    private final ApiCaller approver;
    private int round;

    /** @param project a project whose profile {@code release} needs one approval */
    SadCollectionRace(String project, List<ApiCaller> requester, ApiCaller approver) {
        this.project = project;
        this.requester = List.copyOf(requester);
        this.approver = approver;
    }

    void round() throws Exception {
        round++;
        List<String> digests = List.of(Digests.sha256Base64(project + round + "a"),
                Digests.sha256Base64(project + round + "b"));
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("profile", "release");
        create.put("algorithm", "ECDSA_SHA256");
        create.put("reason", "race " + round);
        create.put("items", digests.stream().map(d -> Map.of("artifact", "app.jar", "digest", d)).toList());
        String requests = "/api/v1/projects/" + project + "/requests";
        String id = expect(requester.get(0).post(requests, create), 201).json().get("id").asString();
        expect(approver.post(requests + "/" + id + "/approve", Map.of()), 200);
        String first = expect(requester.get(0).post(requests + "/" + id + "/sad", Map.of()), 201).json()
                .get("sad").asString();

        List<String> handedOut = new ArrayList<>(List.of(first));
        int signedBatches = 0;
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiCaller.Response>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                ApiCaller caller = requester.get((i / 2) % requester.size());
                boolean collect = i % 2 == 0;
                responses.add(pool.submit(() -> {
                    start.await();
                    return collect ? caller.post(requests + "/" + id + "/sad", Map.of()) : sign(caller, first, digests);
                }));
            }
            start.countDown();
            for (int i = 0; i < REQUESTS; i++) {
                ApiCaller.Response response = responses.get(i).get(60, TimeUnit.SECONDS);
                if (i % 2 == 0 && response.status() == 201) {
                    handedOut.add(response.json().get("sad").asString());
                } else if (i % 2 == 1 && response.status() == 200) {
                    signedBatches++;
                } else {
                    assertThat(response.status()).as(response.body()).isEqualTo(409);
                    assertThat(response.problemType()).isIn("sad-used", "sad-consumed", "sad-digest-used");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (String sad : handedOut) {
            if (sign(requester.get(requester.size() - 1), sad, digests).status() == 200) {
                signedBatches++;
            }
        }
        assertThat(signedBatches).as("batches signed over the round").isEqualTo(1);
    }

    private ApiCaller.Response sign(ApiCaller caller, String sad, List<String> digests) {
        return ProfileApi.of(caller, project, "release").signEncoded(digests, sad, false);
    }
}
