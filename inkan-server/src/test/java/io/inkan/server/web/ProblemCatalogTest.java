package io.inkan.server.web;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem catalog is what clients may branch on, so docs/api-errors.md must list exactly its
 * problems (type, title, status) and nothing else, and each type must mean one thing: one title, and one
 * status except for the one documented exception.
 */
class ProblemCatalogTest {

    private static final Path DOC = Path.of("..", "docs", "api-errors.md");
    private static final String HEADER = "| type (`urn:inkan:problem:…`) | title | status | when |";

    @Test
    void theDocumentListsExactlyTheCatalog() throws IOException {
        Set<Entry> documented = Set.copyOf(documented());
        Set<Entry> catalog = Arrays.stream(Problem.values())
                .map(problem -> new Entry(problem.slug(), problem.title(), ProblemResponses.status(problem).value()))
                .collect(Collectors.toSet());
        assertThat(documented).as("documented but not in the catalog").isSubsetOf(catalog);
        assertThat(catalog).as("in the catalog but not documented").isSubsetOf(documented);
    }

    @Test
    void eachTypeHasOneTitleAndOneStatusButSadExpired() {
        Map<String, List<Problem>> bySlug = Arrays.stream(Problem.values()).collect(Collectors.groupingBy(Problem::slug));
        bySlug.forEach((slug, problems) -> {
            assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(problems.stream().map(Problem::title).distinct()).as(slug).hasSize(1);
        });
        assertThat(bySlug.entrySet().stream().filter(entry -> entry.getValue().size() > 1).map(Map.Entry::getKey))
                .as("types answered at more than one status").containsExactly("sad-expired");
        assertThat(bySlug.get("sad-expired")).extracting(ProblemResponses::status)
                .containsExactlyInAnyOrder(HttpStatus.FORBIDDEN, HttpStatus.CONFLICT);
    }

    @Test
    void aRefusalIsRenderedWithItsCatalogEntry() {
        ProblemDetail problem = ProblemResponses.problem(new Refusal(Problem.DIGEST_LENGTH, "items[0].digest has 20 bytes"));
        assertThat(problem.getType()).isEqualTo(URI.create("urn:inkan:problem:digest-length"));
        assertThat(problem.getTitle()).isEqualTo("Wrong digest length");
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("items[0].digest has 20 bytes");
        assertThat(ProblemResponses.headers(new Refusal(Problem.DIGEST_LENGTH, "x")).isEmpty()).isTrue();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(retryAfter(Duration.ofSeconds(30))).isEqualTo("30");
        assertThat(retryAfter(Duration.ofMillis(1_001))).isEqualTo("2");
        assertThat(retryAfter(Duration.ZERO)).isEqualTo("1");
    }

    @Test
    void springsOwnErrorsGetTheCatalogTypeForTheirStatusOrOneNamedAfterIt() {
        ProblemDetail wrongMethod = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "The request was refused");
        ProblemResponses.typeForeign(wrongMethod, HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(wrongMethod.getType()).isEqualTo(URI.create(Problem.METHOD_NOT_ALLOWED.type()));
        assertThat(wrongMethod.getTitle()).isEqualTo(Problem.METHOD_NOT_ALLOWED.title());
        ProblemDetail expectation = ProblemDetail.forStatusAndDetail(HttpStatus.EXPECTATION_FAILED, "The request was refused");
        ProblemResponses.typeForeign(expectation, HttpStatus.EXPECTATION_FAILED);
        assertThat(expectation.getType()).isEqualTo(URI.create("urn:inkan:problem:expectation-failed"));
        assertThat(expectation.getTitle()).isEqualTo("Expectation Failed");
    }

    private static String retryAfter(Duration wait) {
        return ProblemResponses.headers(new Refusal(Problem.RATE_LIMITED, "x", wait)).getFirst(HttpHeaders.RETRY_AFTER);
    }

    /** The rows of the problem table of docs/api-errors.md, one type per row. */
    private static List<Entry> documented() throws IOException {
        List<Entry> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.equals(HEADER)) {
                inTable = true;
            } else if (inTable && line.startsWith("|") && !line.startsWith("|--")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip)
                        .toList();
                assertThat(cells.get(0)).as(line).matches("`[a-z0-9-]+`");
                rows.add(new Entry(cells.get(0).replace("`", ""), cells.get(1), Integer.parseInt(cells.get(2))));
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        assertThat(rows).as("rows under " + HEADER).isNotEmpty();
        return rows;
    }

    private record Entry(String slug, String title, int status) {
    }
}
