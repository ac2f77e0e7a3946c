package io.inkan.client;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    private final JsonMapper json = InkanJson.newMapper();

    @Test
    void readsAllProblemFields() {
        String body = """
                {"type":"https://inkan.io/problems/bad-digest","title":"Bad digest",
                 "status":400,"detail":"digest 1 is 31 bytes, SHA-256 needs 32","instance":"/x"}""";

        InkanApiException e = Problems.toException(400, "application/problem+json", body, json);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("https://inkan.io/problems/bad-digest");
        assertThat(e.title()).isEqualTo("Bad digest");
        assertThat(e.detail()).isEqualTo("digest 1 is 31 bytes, SHA-256 needs 32");
        assertThat(e.getMessage()).contains("Bad digest", "31 bytes", "400");
    }

    @Test
    void fillsInMissingTitleAndTypeFromTheStatus() {
        InkanApiException e = Problems.toException(404, "application/problem+json; charset=utf-8",
                "{\"detail\":\"no profile 'x'\"}", json);

        assertThat(e.type()).isEqualTo("about:blank");
        assertThat(e.title()).isEqualTo("Not Found");
        assertThat(e.detail()).isEqualTo("no profile 'x'");
    }

    @Test
    void emptyBodyGivesTheReasonPhrase() {
        InkanApiException e = Problems.toException(401, null, "", json);

        assertThat(e.title()).isEqualTo("Unauthorized");
        assertThat(e.detail()).isNull();
    }

    @Test
    void unknownStatusWithoutBodyIsNamedByNumber() {
        assertThat(Problems.toException(418, null, null, json).title()).isEqualTo("HTTP 418");
    }

    @Test
    void nonJsonBodyIsShortenedToOneLine() {
        String html = "<html>\n<body>" + "x".repeat(1000) + "</body></html>";

        InkanApiException e = Problems.toException(502, "text/html", html, json);

        assertThat(e.title()).isEqualTo("Bad Gateway");
        assertThat(e.detail()).startsWith("<html> <body>xxx").endsWith("...")
                .hasSize(Problems.MAX_EXCERPT + 3);
    }

    @Test
    void malformedJsonFallsBackToTheExcerpt() {
        InkanApiException e = Problems.toException(500, "application/json", "{not json", json);

        assertThat(e.title()).isEqualTo("Internal Server Error");
        assertThat(e.detail()).isEqualTo("{not json");
    }

    @Test
    void controlCharactersFromTheServerAreRemoved() {
        String body = "{\"title\":\"Bad\\u001b[31m request\",\"detail\":\"line1\\nline2\"}";

        InkanApiException e = Problems.toException(400, "application/problem+json", body, json);

        assertThat(e.title()).doesNotContain("\u001b").isEqualTo("Bad [31m request");
        assertThat(e.detail()).isEqualTo("line1 line2");
    }
}
