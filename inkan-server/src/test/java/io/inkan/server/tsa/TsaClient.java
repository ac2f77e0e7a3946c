package io.inkan.server.tsa;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts raw time-stamp queries to a test server, as an RFC 3161 client would (with or without a token). */
final class TsaClient {

    private final HttpClient http;
    private final URI base;

    TsaClient(TestServer server) {
        this.http = ApiCaller.trusting(server.serverCertificate(), HttpClient.Version.HTTP_1_1);
        this.base = server.baseUrl();
    }

    /** A reply's HTTP status, Content-Type, Retry-After and body. */
    record Reply(int status, String contentType, String retryAfter, byte[] body) {
    }

    Reply post(String path, byte[] query, String bearerToken) {
        HttpRequest.Builder request = request(path, "application/timestamp-query", query);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    /** Posts {@code body} with any Content-Type, as a confused or hostile client would. */
    Reply post(String path, String contentType, byte[] body) {
        return send(request(path, contentType, body));
    }

    private HttpRequest.Builder request(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
