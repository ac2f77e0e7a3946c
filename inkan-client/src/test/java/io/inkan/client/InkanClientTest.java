package io.inkan.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProjectRequest;
import io.inkan.core.api.ProjectView;
import io.inkan.core.api.SignHashRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Exercises request building and response handling against an in-process plain-HTTP loopback server. */
class InkanClientTest {

    private static final String TOKEN = "tok-abc123";

    private HttpServer server;
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
    private volatile int status;
    private volatile String contentType;
    private volatile String reply;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        seenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.reply = body;
    }

    private InkanClient client(String suffix) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + suffix);
        return InkanClient.connect(new InkanClientConfig(base, TOKEN, null));
    }

    @Test
    void sendsTheTokenAndParsesRecordsWithInstants() {
        answer(201, "application/json",
                "{\"name\":\"app\",\"description\":\"d\",\"createdAt\":\"2026-01-02T03:04:05Z\",\"extra\":1}");

        ProjectView project = client("").admin().createProject(new ProjectRequest("app", "d"));

        assertThat(seen.get()).isEqualTo("POST /api/v1/projects");
        assertThat(seenAuthorization.get()).isEqualTo("Bearer " + TOKEN);
        assertThat(seenBody.get()).contains("\"name\":\"app\"", "\"description\":\"d\"");
        assertThat(project).isEqualTo(new ProjectView("app", "d", Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void keepsAPathPrefixOfTheServerUrlAndEncodesNames() {
        answer(200, "application/json", "[]");

        assertThat(client("/inkan/").keys().list("my project/x")).isEmpty();

        assertThat(seen.get()).isEqualTo("GET /inkan/api/v1/projects/my%20project%2Fx/keys");
    }

    @Test
    void refusesDotSegmentsInNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> client("").keys().list(".."));
    }

    @Test
    void signsABatchInOneRequest() {
        answer(200, "application/json", """
                {"project":"p","profile":"rel","key":"k","algorithm":"ECDSA_SHA256",
                 "signatures":["c2lnMQ==","c2lnMg=="],"publicKey":"cGs=","certificateChain":[]}""");

        var response = client("").signing().sign("p", "rel", SignatureAlgorithm.ECDSA_SHA256, List.of(
                SignHashRequest.Item.ofDigest("ZDE=", "a.bin"), SignHashRequest.Item.ofDigest("ZDI=", "b.bin")));

        assertThat(seen.get()).isEqualTo("POST /api/v1/projects/p/profiles/rel/sign");
        assertThat(seenBody.get()).contains("\"algorithm\":\"ECDSA_SHA256\"", "\"digest\":\"ZDE=\"",
                "\"artifact\":\"b.bin\"");
        assertThat(response.signatures()).containsExactly("c2lnMQ==", "c2lnMg==");
    }

    @Test
    void aBatchReplyWithTheWrongNumberOfSignaturesIsAnError() {
        answer(200, "application/json", "{\"signatures\":[\"c2ln\"]}");

        assertThatExceptionOfType(InkanException.class)
                .isThrownBy(() -> client("").signing().sign("p", "rel", SignatureAlgorithm.ECDSA_SHA256, List.of(
                        SignHashRequest.Item.ofDigest("ZDE=", null), SignHashRequest.Item.ofDigest("ZDI=", null))))
                .withMessageContaining("1 signatures for 2 items");
    }

    @Test
    void revokeAcceptsNoContent() {
        answer(204, "application/json", "");

        client("").admin().revokeToken("t-1");

        assertThat(seen.get()).isEqualTo("DELETE /api/v1/tokens/t-1");
    }

    @Test
    void errorStatusBecomesAnApiException() {
        answer(403, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"signer tokens cannot\"}");

        assertThatExceptionOfType(InkanApiException.class)
                .isThrownBy(() -> client("").admin().listTokens())
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.detail()).isEqualTo("signer tokens cannot");
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }

    @Test
    void unreadableSuccessBodyIsAnInkanException() {
        answer(200, "application/json", "<html>");

        assertThatExceptionOfType(InkanException.class)
                .isThrownBy(() -> client("").whoami())
                .isNotInstanceOfAny(InkanApiException.class, InkanConnectionException.class);
    }

    @Test
    void closedPortIsAConnectionFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        InkanClient client = InkanClient.connect(
                new InkanClientConfig(URI.create("http://127.0.0.1:" + port), TOKEN, null));

        assertThatExceptionOfType(InkanConnectionException.class)
                .isThrownBy(client::whoami)
                .withMessageContaining("cannot reach")
                .withMessageContaining("connection refused")
                .withMessageNotContaining(TOKEN);
    }

    @Test
    void unknownHostIsNamed() {
        InkanClient client = InkanClient.connect(
                new InkanClientConfig(URI.create("https://no-such-host.invalid"), TOKEN, null));

        assertThatExceptionOfType(InkanConnectionException.class)
                .isThrownBy(client::whoami)
                .withMessageContaining("unknown host");
    }

    @Test
    void unreadableCaFileIsAConfigurationError(@TempDir Path dir) throws IOException {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> InkanClient.connect(new InkanClientConfig(URI.create("https://h"), TOKEN, notPem)))
                .withMessageContaining("ca.pem");
    }
}
