package io.inkan.server.outbound;

import com.sun.net.httpserver.HttpServer;
import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.notifications.Notifications;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding O4-6 (SSRF): webhook and external TSA URLs could point at loopback, link-local (cloud
 * metadata) or private addresses and the server connected. Such URLs are refused when configured, the
 * address is checked again on every connection (a URL accepted earlier whose host now resolves inside
 * reaches nothing), and redirects are not followed. Only loopback receivers of this test are ever
 * contacted; the internal addresses named are refused before any connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundAddressTest {

    private static final String HOOKS = "/api/v1/projects/p/webhooks";
    private static final String TIMESTAMPING = "/api/v1/projects/p/profiles/ec/timestamping";

    HttpServer receiver;
    final AtomicInteger hookCalls = new AtomicInteger();
    final AtomicInteger targetCalls = new AtomicInteger();

    @BeforeAll
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            hookCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", receiverUrl("/target"));
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        receiver.createContext("/target", exchange -> {
            targetCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void internalAddressesAreRefusedWhenConfigured(@TempDir Path dataDir) {
        try (TestServer server = TestServer.start(dataDir)) {
            ApiCaller custodian = provision(server);
            AuditExpectations audit = new AuditExpectations(server);
            for (String url : List.of(receiverUrl("/hook"), "http://169.254.169.254/latest/meta-data/",
                    "http://10.1.2.3/hook", "http://192.168.0.1/hook", "http://172.16.0.1/hook", "http://100.64.0.1/",
                    "http://0.0.0.0:8080/", "http://[::1]/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook",
                    "http://[::ffff:127.0.0.1]/hook", "https://localhost/hook", "http://224.0.0.1/")) {
                ApiCaller.Response refused = audit.expectOne(() -> custodian.post(HOOKS, Map.of("url", url)), 400,
                        AuditAction.WEBHOOK_CREATE.value(), "REJECTED", "p", "custodian-p").response();
                assertThat(refused.problemType()).as(url).isEqualTo("address-not-allowed");
            }
            assertThat(expect(custodian.get(HOOKS), 200).json().size()).as("no webhook registered").isZero();
            for (String url : List.of(receiverUrl("/tsa"), "http://169.254.169.254/tsa", "https://[::1]:8443/tsa")) {
                ApiCaller.Response refused = audit.expectOne(() -> custodian.post(TIMESTAMPING,
                                Map.of("authority", "external", "url", url)), 400, AuditAction.PROFILE_TIMESTAMPING.value(),
                        "REJECTED", "p", "custodian-p").response();
                assertThat(refused.problemType()).as(url).isEqualTo("address-not-allowed");
            }
            assertThat(expect(custodian.get(TIMESTAMPING), 200).json().get("authority").asString()).isEqualTo("none");
            assertThat(hookCalls.get() + targetCalls.get()).isZero();
        }
    }

    @Test
    void resolvedAddressIsCheckedAtConnectTime(@TempDir Path dataDir) throws Exception {
        Map<String, String> strict = new HashMap<>(Map.of("inkan.notifications.delivery-interval", "200ms",
                "inkan.notifications.delivery-attempts", "1", "inkan.tsa.relay.max-attempts", "3",
                "inkan.tsa.relay.initial-backoff", "10ms"));
        Map<String, String> allowing = new HashMap<>(strict);
        allowing.putAll(TestServer.LOOPBACK_RECEIVERS);
        String signer;
        try (TestServer server = TestServer.start(dataDir, allowing)) {
            ApiCaller custodian = provision(server);
            expect(custodian.post(HOOKS, Map.of("url", receiverUrl("/hook"))), 201);
            expect(custodian.post(TIMESTAMPING, Map.of("authority", "external", "url", receiverUrl("/hook"))), 200);
            signer = new Provisioning(new ApiCaller(server, server.adminToken())).signerToken("p");
        }
        // The same URLs, now resolving to an address the configuration does not allow (as a re-pointed name would).
        try (TestServer server = TestServer.start(dataDir, strict)) {
            AuditLog log = server.bean(AuditLog.class);
            long before = new AuditExpectations(server).lastSeq();
            HttpResponse<String> timestamp = ApiCaller.trusting(server.serverCertificate()).send(
                    HttpRequest.newBuilder(server.baseUrl().resolve(TIMESTAMPING.replace("timestamping", "timestamp")))
                            .header("Authorization", "Bearer " + signer)
                            .header("Content-Type", "application/timestamp-query")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new TimeStampRequestGenerator()
                                    .generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.ONE).getEncoded()))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(timestamp.statusCode()).as(timestamp.body()).isEqualTo(502);
            assertThat(timestamp.body()).contains("tsa-unavailable", "1 try", "inkan.outbound.allowed-networks");

            server.bean(TransactionTemplate.class).executeWithoutResult(status -> server.bean(Notifications.class)
                    .publishCertificateExpiring("p", "ec", Instant.now().plus(Duration.ofDays(5)), 5));
            AuditEntry failed = awaitRecord(log, before, AuditAction.NOTIFICATION_FAILED.value());
            assertThat(failed.detail()).contains("Refused", "inkan.outbound.allowed-networks");
        }
        assertThat(hookCalls.get()).as("the receiver was never reached").isZero();
    }

    @Test
    void redirectsAreNotFollowed(@TempDir Path dataDir) throws IOException {
        try (TestServer server = TestServer.start(dataDir, TestServer.LOOPBACK_RECEIVERS)) {
            OutboundHttp.Reply reply = server.bean(OutboundHttp.class).client(Duration.ofSeconds(5))
                    .post(URI.create(receiverUrl("/redirect")), "application/json", Map.of(),
                            "{}".getBytes(StandardCharsets.UTF_8), 1024);
            assertThat(reply.status()).isEqualTo(307);
            assertThat(targetCalls.get()).isZero();
        }
    }

    @Test
    void loopbackIsRefusedOnConnectionWithoutAllowList(@TempDir Path dataDir) {
        try (TestServer server = TestServer.start(dataDir)) {
            OutboundHttp.Client client = server.bean(OutboundHttp.class).client(Duration.ofSeconds(5));
            for (String url : List.of(receiverUrl("/hook"), "http://localhost:" + receiver.getAddress().getPort() + "/hook")) {
                assertThatThrownBy(() -> client.post(URI.create(url), "application/json", Map.of(), new byte[0], 0))
                        .as(url).isInstanceOf(OutboundAddresses.Refused.class);
            }
            assertThat(hookCalls.get()).isZero();
        }
    }

    private static ApiCaller provision(TestServer server) {
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project("p");
        provisioning.keyAndProfile("p", "ec", KeyAlgorithm.EC_P256, "software");
        return provisioning.custodian("p");
    }

    private String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static AuditEntry awaitRecord(AuditLog log, long after, String action) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (AuditEntry entry : log.recent(20)) {
                if (entry.seq() > after && entry.action().equals(action)) {
                    return entry;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + action + " record within 20 s");
    }
}
