package io.inkan.server.testing;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deliberately plain HTTPS caller for server tests: raw JSON in and out, so tests can send malformed
 * or hostile bodies that a typed client would never produce.
 */
public final class ApiCaller {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final String token;

    public ApiCaller(TestServer server, String token) {
        this(trusting(server.serverCertificate()), server.baseUrl(), token);
    }

    private ApiCaller(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /**
     * A caller presenting a client certificate (PKCS#12) and no token. With {@code ignoreIssuers} the
     * certificate is sent even when the server does not name its CA as acceptable, as a hostile or
     * misconfigured client would.
     */
    public static ApiCaller withClientCertificate(TestServer server, Path pkcs12, char[] password, boolean ignoreIssuers) {
        return new ApiCaller(ClientCertificates.httpClient(server.serverCertificate(), pkcs12, password, ignoreIssuers),
                server.baseUrl(), null);
    }

    /** The same server, another credential ({@code null} for none). */
    public ApiCaller as(String otherToken) {
        return new ApiCaller(http, base, otherToken);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public Response put(String path, Object body) {
        String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text)));
    }

    /** Posts with chunked transfer encoding (no Content-Length), as a streaming client would. */
    public Response postChunked(String path, byte[] body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    /** Posts a raw body with the given content type. */
    public Response post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client that trusts exactly the given PEM certificate. */
    public static HttpClient trusting(Path certificatePem) {
        return trusting(certificatePem, HttpClient.Version.HTTP_2);
    }

    /** An HTTP client of the given protocol version that trusts exactly the given PEM certificate. */
    public static HttpClient trusting(Path certificatePem, HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(tls(certificatePem, null))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** TLS trusting exactly the given PEM certificate, presenting the given key managers' certificate (if any). */
    static SSLContext tls(Path certificatePem, javax.net.ssl.KeyManager[] keyManagers) {
        try (InputStream in = Files.newInputStream(certificatePem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers, factory.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed on demand. */
    public record Response(int status, String contentType, String body, String retryAfter) {

        public Response(int status, String contentType, String body) {
            this(status, contentType, body, null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem type's slug, e.g. {@code digest-length} for {@code urn:inkan:problem:digest-length}. */
        public String problemType() {
            String type = json().path("type").asString();
            return type.substring(type.lastIndexOf(':') + 1);
        }
    }
}
