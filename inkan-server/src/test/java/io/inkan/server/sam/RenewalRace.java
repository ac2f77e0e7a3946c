package io.inkan.server.sam;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;
import tools.jackson.databind.JsonNode;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
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
 * The renewal fork (issue 15): one SAD for {@value #DIGESTS} digests, {@value #REQUESTS} concurrent sign
 * requests with it, each for one of its digests, every other one asking to renew, spread over the given
 * callers (one per server node). Afterwards the digests nobody signed are signed with the one live SAD
 * (the renewed one, or the original if no renewal won). Each digest must end up signed exactly once: the
 * signature count equals the digest count, and at most one renewed SAD exists.
 */
final class RenewalRace {

    static final int DIGESTS = 20;
    static final int REQUESTS = 50;

    private final List<ProfileApi> callers;

    /** @param callers one profile as called on each node, all by the same signer */
    RenewalRace(List<ProfileApi> callers) {
        this.callers = List.copyOf(callers);
    }

    /** One round at level 1; fails the test unless every digest was signed exactly once. */
    void round() throws Exception {
        round(null);
    }

    /**
     * One round whose SAD is authorized with {@code otp} (level 2) or, if {@code null}, by the login alone;
     * fails the test unless every digest was signed exactly once.
     */
    void round(String otp) throws Exception {
        List<String> digests = Digests.base64(Digests.random(DIGESTS));
        String sad = expect(callers.get(0).authorizeEncoded(digests, otp), 201).json().get("sad").asString();
        Map<String, Integer> signatures = new HashMap<>();
        List<JsonNode> renewed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiCaller.Response>> responses = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS; i++) {
                String digest = digests.get(i % DIGESTS);
                boolean renew = i % 2 == 0;
                ProfileApi caller = callers.get((i / 2) % callers.size());
                asked.add(digest);
                responses.add(pool.submit(() -> {
                    start.await();
                    return caller.signEncoded(List.of(digest), sad, renew);
                }));
            }
            start.countDown();
            for (int i = 0; i < REQUESTS; i++) {
                ApiCaller.Response response = responses.get(i).get(60, TimeUnit.SECONDS);
                if (response.status() == 200) {
                    JsonNode json = response.json();
                    verify(json, asked.get(i), json.get("signatures").get(0).asString());
                    signatures.merge(asked.get(i), 1, Integer::sum);
                    if (json.get("nextSad") != null && !json.get("nextSad").isNull()) {
                        renewed.add(json.get("nextSad"));
                    }
                } else {
                    assertThat(response.status()).as(response.body()).isEqualTo(409);
                    assertThat(response.problemType()).isIn("sad-consumed", "sad-digest-used");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(signatures.values()).as("signatures per digest during the race").allMatch(count -> count == 1);
        assertThat(renewed).as("renewed SADs").hasSizeLessThanOrEqualTo(1);
        List<String> unsigned = digests.stream().filter(digest -> !signatures.containsKey(digest)).toList();
        String live = renewed.isEmpty() ? sad : renewed.get(0).get("sad").asString();
        if (!renewed.isEmpty()) {
            assertThat(renewed.get(0).get("count").asInt()).as("digests of the renewed SAD").isEqualTo(unsigned.size());
        }
        if (!unsigned.isEmpty()) {
            JsonNode rest = expect(callers.get(callers.size() - 1).signEncoded(unsigned, live, false), 200).json();
            for (int i = 0; i < unsigned.size(); i++) {
                verify(rest, unsigned.get(i), rest.get("signatures").get(i).asString());
                signatures.merge(unsigned.get(i), 1, Integer::sum);
            }
        }
        assertThat(signatures.values().stream().mapToInt(Integer::intValue).sum()).as("signatures").isEqualTo(DIGESTS);
        assertThat(signatures).hasSize(DIGESTS);
        // nothing is left to sign with any SAD of the chain
        ApiCaller.Response again = callers.get(0).signEncoded(digests.subList(0, 1), live, false);
        assertThat(again.status()).isEqualTo(409);
        ApiCaller.Response original = callers.get(0).signEncoded(digests.subList(0, 1), sad, true);
        assertThat(original.status()).isEqualTo(409);
    }

    private static void verify(JsonNode response, String digest, String signature) throws Exception {
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(response.get("publicKey").asString())));
        Signature verifier = Signature.getInstance("NONEwithECDSA");
        verifier.initVerify(key);
        verifier.update(Base64.getDecoder().decode(digest));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
    }
}
