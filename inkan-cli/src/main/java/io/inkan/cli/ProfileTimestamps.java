package io.inkan.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inkan.client.InkanApiException;
import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * Lets the format libraries time-stamp through the Inkan server. jarsigner's and jsign's time-stampers
 * can only POST to a URL: they cannot present the Inkan credential that the profile's
 * {@code .../timestamp} endpoint needs, nor trust the server's private CA. So for the length of one
 * {@code inkan sign}, this serves a loopback-only URL with an unguessable path that forwards each query
 * through the {@link InkanClient} (the configured credential and CA) and hands back the reply.
 *
 * <p>Used when {@code --tsa} is absent and the profile has a time-stamping authority, and when
 * {@code --tsa} names the configured server's own public {@code /tsa} (so its TLS certificate is checked
 * against the configured CA, not the JVM's public ones). Any other {@code --tsa} URL is used directly.
 */
final class ProfileTimestamps implements AutoCloseable {

    private static final int MAX_QUERY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final String secretPath;
    private final URI direct;

    private ProfileTimestamps(UnaryOperator<byte[]> authority, URI direct) throws IOException {
        this.direct = direct;
        if (authority == null) {
            this.server = null;
            this.secretPath = null;
            return;
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.secretPath = "/" + HexFormat.of().formatHex(secret);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(secretPath, exchange -> forward(exchange, authority));
        server.start();
    }

    /**
     * Decides where this command's signatures are time-stamped, starting a relay when needed.
     *
     * @param explicit the {@code --tsa} option, or {@code null}
     * @param wanted   whether any file's format carries time-stamps; if not, the profile is not asked
     */
    static ProfileTimestamps open(InkanClient client, String project, String profile, URI explicit, boolean wanted)
            throws IOException {
        if (explicit != null) {
            return explicit.normalize().equals(client.timestamps().tsaUrl())
                    ? new ProfileTimestamps(client.timestamps()::serverTimestamp, null)
                    : new ProfileTimestamps(null, explicit);
        }
        if (!wanted || "none".equals(client.profiles().getTimestamping(project, profile).authority())) {
            return new ProfileTimestamps(null, null);
        }
        return new ProfileTimestamps(query -> client.timestamps().timestamp(project, profile, query), null);
    }

    /** Where the format libraries send time-stamp queries; {@code null} for no time-stamps. */
    URI url() {
        if (server == null) {
            return direct;
        }
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + secretPath);
    }

    private static void forward(HttpExchange exchange, UnaryOperator<byte[]> authority) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] query = in.readNBytes(MAX_QUERY_BYTES + 1);
            if (!exchange.getRequestMethod().equals("POST") || query.length > MAX_QUERY_BYTES) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] reply;
            try {
                reply = authority.apply(query);
            } catch (InkanApiException e) {
                exchange.sendResponseHeaders(e.status() >= 500 ? 502 : e.status(), -1);
                return;
            } catch (InkanException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
