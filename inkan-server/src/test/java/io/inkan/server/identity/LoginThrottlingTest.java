package io.inkan.server.identity;

import io.inkan.client.audit.AuditEntry;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login failures (issue 15): 300 bad tokens at ~280/s met no throttling, no log line and one full audit
 * record each. Now, past the limit per source address (and per credential), bad credentials get 429 with
 * Retry-After, and their refusals are summed into one audit record per source and interval; a valid
 * token from another source is unaffected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottlingTest {

    private static final int LIMIT = 20;
    private static final int ATTEMPTS = 50;

    private final TestClock clock = new TestClock();
    private TestServer server;
    private ApiCaller admin;
    private AuditLog audit;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir, Map.of("inkan.throttling.login-failures", Integer.toString(LIMIT),
                "inkan.throttling.login-interval", "10s"), clock);
        admin = new ApiCaller(server, server.adminToken());
        audit = server.bean(AuditLog.class);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void loginFailures() throws Exception {
        long before = audit.recent(1).get(0).seq();
        String badToken = "inkan_" + "A".repeat(43);
        List<ApiCaller.Response> responses = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            responses.add(admin.as(badToken).get("/api/v1/whoami"));
        }
        assertThat(responses.subList(0, LIMIT)).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(responses.subList(LIMIT, ATTEMPTS)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.problemType()).isEqualTo("too-many-failures");
            assertThat(Long.parseLong(r.retryAfter())).isBetween(1L, 11L);
        });
        assertThat(admin.get("/api/v1/whoami").status()).as("the source is throttled, valid token or not").isEqualTo(429);

        // Another source: the IPv6 loopback address. Its valid token passes; the throttled bad token does not.
        assertThat(fromIpv6Loopback(server.adminToken())).isEqualTo(200);
        assertThat(fromIpv6Loopback(badToken)).as("the bad credential is throttled from anywhere").isEqualTo(429);

        List<AuditEntry> full = records(before).stream().filter(e -> e.detail().contains("unknown, expired or revoked token"))
                .toList();
        assertThat(full).as("one full record per failure up to the limit").hasSize(LIMIT);
        clock.advance(Duration.ofSeconds(10));
        AuditEntry summary = awaitSummary(before, "127.0.0.1");
        assertThat(summary.outcome()).isEqualTo("DENIED");
        assertThat(summary.detail()).startsWith((ATTEMPTS - LIMIT + 1) + " further credential(s) from 127.0.0.1 refused with 429");
        assertThat(summary.detail()).doesNotContain(badToken);
        assertThat(records(before).stream().filter(e -> e.detail().contains(" further credential(s) from 127.0.0.1")))
                .hasSize(1);

        String log = Files.readString(server.dataDir().resolve("logs").resolve("inkan.log"));
        assertThat(log).contains("Refused a credential from 127.0.0.1", "further ones are refused with 429")
                .doesNotContain(badToken).doesNotContain(server.adminToken());
    }

    private int fromIpv6Loopback(String token) throws Exception {
        HttpClient http = ApiCaller.trusting(server.serverCertificate());
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://[::1]:" + server.port() + "/api/v1/whoami"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private List<AuditEntry> records(long after) {
        return audit.recent(500).stream().filter(e -> e.seq() > after && e.detail() != null).toList();
    }

    private AuditEntry awaitSummary(long after, String source) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (AuditEntry entry : records(after)) {
                if (entry.detail().contains(" further credential(s) from " + source)) {
                    return entry;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no summary record for " + source + " within 30 s");
    }
}
