package io.inkan.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.Map;

/**
 * Turns an error response into an {@link InkanApiException}. The server speaks RFC 9457
 * ({@code application/problem+json}), but proxies and load balancers in between may answer with HTML or
 * nothing at all, so every field falls back to something a person can still act on.
 */
final class Problems {

    /** Non-problem bodies are shown only as a short excerpt; a proxy's HTML page helps nobody. */
    static final int MAX_EXCERPT = 200;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(409, "Conflict"),
            Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private Problems() {
    }

    static InkanApiException toException(int status, String contentType, String body, ObjectMapper json) {
        String reason = REASONS.getOrDefault(status, "HTTP " + status);
        if (body == null || body.isBlank()) {
            return new InkanApiException(status, "about:blank", reason, null);
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                JsonNode problem = json.readTree(body);
                if (problem.isObject()) {
                    return new InkanApiException(status,
                            text(problem, "type", "about:blank"),
                            text(problem, "title", reason),
                            text(problem, "detail", null));
                }
            } catch (JacksonException malformed) {
                // Fall through: show the raw excerpt instead.
            }
        }
        return new InkanApiException(status, "about:blank", reason, excerpt(body));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            return fallback;
        }
        return oneLine(value.stringValue());
    }

    /** First characters of the body, made safe to print. */
    static String excerpt(String body) {
        String line = oneLine(body);
        return line.length() <= MAX_EXCERPT ? line : line.substring(0, MAX_EXCERPT) + "...";
    }

    /** One line without control characters, so server text cannot garble a terminal with escapes. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
