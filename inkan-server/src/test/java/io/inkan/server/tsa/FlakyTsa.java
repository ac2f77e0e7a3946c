package io.inkan.server.tsa;

import com.sun.net.httpserver.HttpServer;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An external time-stamping authority over plain HTTP (the JDK's HTTP server) that is really another
 * Inkan server's built-in TSA, and that can be told to fail: answer 503 to the next {@code n} queries,
 * refuse every query with an HTTP status, or answer with something that is not a time-stamp reply.
 */
final class FlakyTsa implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean garbage;
    private volatile int refusal;

    FlakyTsa(TestServer upstream) throws IOException {
        HttpClient http = ApiCaller.trusting(upstream.serverCertificate(), HttpClient.Version.HTTP_1_1);
        URI tsa = upstream.baseUrl().resolve("/tsa");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            byte[] query = exchange.getRequestBody().readAllBytes();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else if (refusal != 0) {
                exchange.sendResponseHeaders(refusal, -1);
            } else if (garbage) {
                byte[] body = "<html>maintenance</html>".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                byte[] reply = forward(http, tsa, query);
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            }
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    /** The next {@code n} queries get HTTP 503. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Every query gets this HTTP status (e.g. 404); 0 to answer normally again. */
    void refuseWith(int status) {
        refusal = status;
    }

    void answerGarbage(boolean on) {
        garbage = on;
    }

    /** Queries received so far, failed ones included. */
    int received() {
        return received.get();
    }

    private static byte[] forward(HttpClient http, URI tsa, byte[] query) {
        try {
            return http.send(HttpRequest.newBuilder(tsa).header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(query)).build(), HttpResponse.BodyHandlers.ofByteArray())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
