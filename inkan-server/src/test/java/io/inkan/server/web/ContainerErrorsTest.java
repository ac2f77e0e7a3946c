package io.inkan.server.web;

import io.inkan.client.audit.AuditEntry;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.RawHttp;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding C6-3: requests refused by the HTTP server itself, before any controller, were answered with
 * Tomcat's HTML page, and {@code GET /error} with a 500. Each is problem+json of a documented type now,
 * names nothing internal, and is recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerErrorsTest {

    private static final String END = "Host: localhost\r\nConnection: close\r\n\r\n";

    TestServer server;
    AuditExpectations audit;
    AuditLog log;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        audit = new AuditExpectations(server);
        log = server.bean(AuditLog.class);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void malformedPathIsProblemJson() {
        refused("GET /api/v1/%zz HTTP/1.1\r\n" + END, 400, "malformed-request");
        refused("GET /api/v1/projects/%00 HTTP/1.1\r\n" + END, 400, "malformed-request");
        refused("GET /api/v1/../../etc/passwd HTTP/1.1\r\n" + END, 400, "malformed-request");
    }

    @Test
    void badHeaderIsProblemJson() {
        refused("GET /actuator/health HTTP/1.1\r\nNo colon here\r\n" + END, 400, "malformed-request");
        refused("GET /actuator/health HTTP/1.1\r\nX-Bad: a\u0001b\r\n" + END, 400, "malformed-request");
        refused("GET /actuator/health HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "malformed-request");
    }

    @Test
    void oversizedRequestLineAndHeadersAreProblemJson() {
        refused("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + END, 400, "malformed-request");
        refused("GET /actuator/health HTTP/1.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n" + END, 400,
                "malformed-request");
    }

    @Test
    void unsupportedProtocolVersionIsProblemJson() {
        refused("GET /actuator/health HTTP/9.9\r\n" + END, 505, "http-version-not-supported");
    }

    @Test
    void wrongMethodIsProblemJson() {
        refused("DELETE /actuator/health HTTP/1.1\r\n" + END, 405, "method-not-allowed");
        refused("PUT /tsa HTTP/1.1\r\nContent-Length: 0\r\n" + END, 405, "method-not-allowed");
    }

    @Test
    void getErrorIsNotA500() {
        refused("GET /error HTTP/1.1\r\n" + END, 404, "not-found");
    }

    private void refused(String request, int status, String type) {
        long before = audit.lastSeq();
        RawHttp.Response response = RawHttp.send(server, request);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        String body = response.body();
        assertThat(body).contains("\"type\":\"urn:inkan:problem:" + type + "\"", "\"status\":" + status)
                .doesNotContain("io.inkan", "org.apache", "java.", "<html");
        List<AuditEntry> recorded = log.recent(5).stream().filter(e -> e.seq() > before).toList();
        assertThat(recorded).as("the refusal is recorded").anySatisfy(entry ->
                assertThat(entry.detail()).contains("-> " + status + " urn:inkan:problem:" + type));
    }
}
