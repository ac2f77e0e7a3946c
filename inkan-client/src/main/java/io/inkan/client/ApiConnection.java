package io.inkan.client;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * One authenticated HTTPS connection to the API that every per-concern client shares: it builds URLs,
 * sends the credential (only ever in the {@code Authorization} header, never in a message), and turns
 * replies into values or into {@link InkanApiException}, {@link InkanConnectionException} or
 * {@link InkanException}. Kept apart from the concern clients so that the wire handling exists once.
 */
final class ApiConnection {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Generous: a large batch on a slow hardware token takes a while. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final InkanClientConfig config;
    private final String apiBase;
    private final HttpClient http;
    private final JsonMapper json = InkanJson.newMapper();

    /** @throws IllegalArgumentException if the CA certificate file cannot be read or parsed */
    ApiConnection(InkanClientConfig config) {
        this.config = config;
        String base = config.server().getScheme() + "://" + config.server().getRawAuthority()
                + (config.server().getRawPath() == null ? "" : config.server().getRawPath());
        this.apiBase = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1";
        this.http = HttpClient.newBuilder()
                .sslContext(TrustedCertificates.sslContext(config.caCertificatePem(), config.clientCertificate(),
                        config.clientCertificatePassword()))
                .sslParameters(TrustedCertificates.parameters())
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends a JSON request ({@code body} {@code null}: none) and reads the JSON reply as {@code type}. */
    <T> T call(String method, String path, Object body, Class<T> type) {
        return read(send(method, path, body), type);
    }

    /** Like {@link #call(String, String, Object, Class)}, for generic replies such as lists. */
    <T> T call(String method, String path, Object body, TypeReference<T> type) {
        try {
            return json.readValue(send(method, path, body), type);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    /** Sends a request and returns the body of a 2xx response; anything else becomes an exception. */
    String send(String method, String path, Object body) {
        HttpRequest.Builder request = request(path, "application/json, application/problem+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        return send(request);
    }

    /** A GET whose 2xx reply is text of one of the {@code accept}ed types (PEM, a signed note, HTML). */
    String text(String path, String accept) {
        return send(request(path, accept));
    }

    /** Streams a 2xx reply of any type to {@code output}, replacing it. */
    void download(String path, Path output) {
        HttpResponse<InputStream> response = exchange(request(path, "*/*"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw Problems.toException(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8), json);
            }
            Files.copy(body, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InkanConnectionException("export from " + config.server() + " failed: " + reason(e), e);
        }
    }

    /**
     * Sends a DER RFC 3161 {@code TimeStampReq} to {@code url} and returns the DER {@code TimeStampResp}.
     *
     * @param authenticated whether to send the credential (the public endpoint needs none)
     */
    byte[] timestamp(URI url, byte[] query, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/timestamp-reply, application/problem+json")
                .header("Content-Type", "application/timestamp-query")
                .header("User-Agent", "inkan-client")
                .POST(HttpRequest.BodyPublishers.ofByteArray(query));
        if (authenticated && config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() / 100 != 2 && !type.startsWith("application/timestamp-reply")) {
            throw Problems.toException(response.statusCode(), type,
                    new String(response.body(), StandardCharsets.UTF_8), json);
        }
        return response.body();
    }

    /** The absolute URL of an API path. */
    URI api(String path) {
        return URI.create(apiBase + path);
    }

    /** The absolute URL of a path outside the API, e.g. the public {@code /tsa}. */
    URI server(String path) {
        return URI.create(apiBase.substring(0, apiBase.length() - "/api/v1".length()) + path);
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw Problems.toException(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body(), json);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", accept)
                .header("User-Agent", "inkan-client");
        if (config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new InkanConnectionException("cannot reach " + config.server() + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InkanConnectionException("interrupted while talking to " + config.server(), e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    private static InkanException unreadable(JacksonException e) {
        return new InkanException("unreadable reply from server: " + e.getOriginalMessage(), e);
    }

    /** {@code ?a=1&b=2} with values percent-encoded; empty values are left out. */
    static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /**
     * The most specific explanation in a cause chain. The JDK's HTTP client often throws exceptions without
     * any message (a refused connection, an unknown host), so those are named here.
     */
    private static String reason(Throwable failure) {
        String reason = null;
        boolean unresolved = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
            unresolved |= t instanceof UnresolvedAddressException || t instanceof UnknownHostException;
        }
        if (reason != null) {
            return reason;
        }
        if (unresolved) {
            return "unknown host";
        }
        return failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
    }

    /** Builds {@code /a/b/c} with each segment percent-encoded, so names cannot escape their place in the URL. */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment == null || segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid name in URL: '" + segment + "'");
            }
            path.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '~') {
                    path.append(c);
                } else {
                    path.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return path.toString();
    }
}
