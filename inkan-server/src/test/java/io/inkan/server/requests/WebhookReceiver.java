package io.inkan.server.requests;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP server that receives webhook calls and answers with a chosen status. */
final class WebhookReceiver implements AutoCloseable {

    /** One received call. */
    record Call(String event, String delivery, String signature, byte[] body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(204);

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Inkan-Event"),
                        exchange.getRequestHeaders().getFirst("X-Inkan-Delivery"),
                        exchange.getRequestHeaders().getFirst("X-Inkan-Signature"), in.readAllBytes()));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Answers every further call with {@code code}. */
    void answer(int code) {
        status.set(code);
    }

    /** The next call of {@code event} about {@code project}, skipping others; fails after {@code timeout}. */
    Call next(String event, String project, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Call call = calls.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (call == null) {
                throw new AssertionError("no webhook call '" + event + "' within " + timeout);
            }
            if (event.equals(call.event())
                    && new String(call.body(), StandardCharsets.UTF_8).contains("\"project\":\"" + project + "\"")) {
                return call;
            }
        }
    }

    /** The next call of {@code event}, whatever it is about, skipping others; fails after {@code timeout}. */
    Call next(String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Call call = calls.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (call == null) {
                throw new AssertionError("no webhook call '" + event + "' within " + timeout);
            }
            if (event.equals(call.event())) {
                return call;
            }
        }
    }

    /** Every call received and not yet taken. */
    java.util.List<Call> drain() {
        java.util.List<Call> rest = new java.util.ArrayList<>();
        calls.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
