package io.inkan.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.SignHashRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rounds of a {@link SignatureBatch} against a loopback server that "signs" by echoing each digest:
 * every artifact gets its own signatures back, the requests are one per round and algorithm, a failing
 * artifact does not hold up the others, and a thread outside the batch signs directly.
 */
class SignatureBatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::echo);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void echo(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(request);
        List<String> signatures = new ArrayList<>();
        request.get("items").forEach(item -> signatures.add(item.get("digest").asString()));
        byte[] body = JSON.writeValueAsBytes(java.util.Map.of("project", "app", "profile", "p", "key", "k",
                "algorithm", request.get("algorithm").asString(), "signatures", signatures, "publicKey", "AA==",
                "certificateChain", List.of()));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private SigningClient client() {
        return InkanClient.connect(new InkanClientConfig(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "inkan_test", null)).signing();
    }

    @Test
    void artifactsSigningOnceTwiceOrThriceTakeThreeRoundsAndEachGetsItsOwnSignatures() {
        SigningClient client = client();
        SignatureBatch batch = new SignatureBatch(client, 1000);
        List<SignatureBatch.Task> tasks = new ArrayList<>();
        List<List<String>> received = Collections.synchronizedList(new ArrayList<>());
        for (int artifact = 0; artifact < 12; artifact++) {
            int rounds = artifact % 3 + 1;
            String name = "a" + artifact;
            tasks.add(() -> {
                for (int round = 0; round < rounds; round++) {
                    String digest = name + "-" + round;
                    String signature = client.sign("app", "p", SignatureAlgorithm.ECDSA_SHA256,
                            List.of(SignHashRequest.Item.ofDigest(digest, name))).signatures().get(0);
                    received.add(List.of(digest, signature));
                }
            });
        }
        AtomicInteger done = new AtomicInteger();

        List<Throwable> failures = batch.runAll(tasks, index -> done.incrementAndGet());

        assertThat(failures).containsOnlyNulls().hasSize(12);
        assertThat(done).hasValue(12);
        assertThat(received).hasSize(4 * 6).allSatisfy(pair -> assertThat(pair.get(1)).isEqualTo(pair.get(0)));
        assertThat(batch.requests()).isEqualTo(3);
        assertThat(requests).extracting(request -> request.get("items").size()).containsExactly(12, 8, 4);
        assertThat(requests.get(1).get("items").valueStream().map(item -> item.get("artifact").asString()).toList())
                .as("items in task order").containsExactly("a1", "a2", "a4", "a5", "a7", "a8", "a10", "a11");
    }

    @Test
    void itemsWithoutAnArtifactNameCarryTheirTasksNameAndARoundSignerSendsEachRound() {
        SigningClient client = client();
        List<Integer> sentByRoundSigner = Collections.synchronizedList(new ArrayList<>());
        SignatureBatch batch = new SignatureBatch(client, 1000, (project, profile, algorithm, items) -> {
            sentByRoundSigner.add(items.size());
            return client.signNow(project, profile, algorithm, items);
        });
        List<SignatureBatch.Task> tasks = List.of(
                () -> client.sign("app", "p", SignatureAlgorithm.ECDSA_SHA256,
                        List.of(SignHashRequest.Item.ofDigest("d1", null))),
                () -> client.sign("app", "p", SignatureAlgorithm.ECDSA_SHA256,
                        List.of(SignHashRequest.Item.ofDigest("d2", "own-name"))));

        List<Throwable> failures = batch.runAll(tasks, List.of("app.jar", "setup.exe"), index -> { });

        assertThat(failures).containsOnlyNulls();
        assertThat(sentByRoundSigner).containsExactly(2);
        assertThat(requests.get(0).get("items").valueStream().map(item -> item.get("artifact").asString()).toList())
                .containsExactly("app.jar", "own-name");
    }

    @Test
    void differentAlgorithmsShareARoundButNotARequestAndLargeRoundsAreSplit() {
        SigningClient client = client();
        SignatureBatch batch = new SignatureBatch(client, 5);
        List<SignatureBatch.Task> tasks = new ArrayList<>();
        for (int artifact = 0; artifact < 8; artifact++) {
            SignatureAlgorithm algorithm = artifact < 6 ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.ECDSA_SHA384;
            String name = "a" + artifact;
            tasks.add(() -> client.sign("app", "p", algorithm, List.of(SignHashRequest.Item.ofDigest(name, name))));
        }

        assertThat(batch.runAll(tasks, index -> { })).containsOnlyNulls();

        assertThat(batch.requests()).isEqualTo(3);
        assertThat(requests).extracting(request -> request.get("algorithm").asString() + "x" + request.get("items").size())
                .containsExactlyInAnyOrder("ECDSA_SHA256x5", "ECDSA_SHA256x1", "ECDSA_SHA384x2");
    }

    @Test
    void aFailingArtifactDoesNotHoldUpTheOthersAndOutsideThreadsSignDirectly() throws Exception {
        SigningClient client = client();
        SignatureBatch batch = new SignatureBatch(client, 1000);
        List<SignatureBatch.Task> tasks = List.of(
                () -> {
                    throw new IOException("corrupt archive");
                },
                () -> client.sign("app", "p", SignatureAlgorithm.ECDSA_SHA256,
                        List.of(SignHashRequest.Item.ofDigest("x", "x"))),
                () -> {
                    Thread outside = new Thread(() -> client.sign("app", "p", SignatureAlgorithm.ECDSA_SHA256,
                            List.of(SignHashRequest.Item.ofDigest("y", "y"))));
                    outside.start();
                    outside.join();
                });

        List<Throwable> failures = batch.runAll(tasks, index -> { });

        assertThat(failures.get(0)).hasMessage("corrupt archive");
        assertThat(failures.subList(1, 3)).containsOnlyNulls();
        assertThat(batch.requests()).as("the outside thread's request is not the batch's").isEqualTo(1);
        assertThat(requests).hasSize(2);
    }
}
