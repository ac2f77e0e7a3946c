package io.inkan.server.web;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The one place where refusals become HTTP: a {@link Problem.Category} becomes a status here and nowhere
 * else, a {@link Refusal} becomes problem+json (with {@code Retry-After} when it passes with time), and the
 * errors Spring MVC raises on its own get the catalog's type for their status. {@link ProblemHandler} uses
 * it for refusals inside Spring MVC; the authentication and body-size filters write through it directly,
 * as their refusals happen before Spring MVC is reached.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** The HTTP status of every problem of {@code category}. */
    public static HttpStatus status(Problem.Category category) {
        return switch (category) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_SUPPORTED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case TARGET_TOO_LONG -> HttpStatus.URI_TOO_LONG;
            case MEDIA_TYPE_NOT_SUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case HEADERS_TOO_LARGE -> HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UPSTREAM_FAILED -> HttpStatus.BAD_GATEWAY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case PROTOCOL_NOT_SUPPORTED -> HttpStatus.HTTP_VERSION_NOT_SUPPORTED;
        };
    }

    public static HttpStatus status(Problem problem) {
        return status(problem.category());
    }

    public static ProblemDetail problem(Problem problem, String detail) {
        ProblemDetail rendered = ProblemDetail.forStatusAndDetail(status(problem), detail);
        rendered.setType(URI.create(problem.type()));
        rendered.setTitle(problem.title());
        return rendered;
    }

    public static ProblemDetail problem(Refusal refusal) {
        return problem(refusal.problem(), refusal.detail());
    }

    /** The headers a refusal adds to its answer: {@code Retry-After} in whole seconds (at least 1), if it passes. */
    public static HttpHeaders headers(Refusal refusal) {
        HttpHeaders headers = new HttpHeaders();
        refusal.retryAfter().ifPresent(wait -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait))));
        return headers;
    }

    /**
     * Gives an error Spring MVC raised on its own (a wrong method, media type or parameter, an unknown path)
     * the catalog's type and title for its status; a status without one keeps Spring's title and is named
     * after the status.
     */
    static void typeForeign(ProblemDetail problem, HttpStatusCode statusCode) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        Problem known = status == null ? null : switch (status) {
            case BAD_REQUEST -> Problem.BAD_REQUEST;
            case NOT_FOUND -> Problem.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> Problem.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> Problem.NOT_ACCEPTABLE;
            case UNSUPPORTED_MEDIA_TYPE -> Problem.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (known != null) {
            problem.setType(URI.create(known.type()));
            problem.setTitle(known.title());
        } else {
            problem.setType(uncatalogued(status));
        }
    }

    /**
     * The type of a status the catalog has no problem for (only the HTTP server and Spring MVC raise such,
     * e.g. 417 for an {@code Expect} header the server does not take): named after the status.
     */
    static URI uncatalogued(HttpStatus status) {
        String slug = status == null ? "error" : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return URI.create(Problem.TYPE_PREFIX + slug);
    }

    /**
     * How a refusal is described in the event log: {@code METHOD /path -> status type: detail}, plus the
     * internal reason where the response deliberately says less.
     */
    public static String describe(HttpServletRequest request, ProblemDetail problem, String reason) {
        // An error the container forwarded to /error is described by the path that was asked for.
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return request.getMethod() + " " + (original instanceof String path ? path : request.getRequestURI()) + " -> " + problem.getStatus() + " "
                + problem.getType() + ": " + problem.getDetail() + (reason == null ? "" : " (" + reason + ")");
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Writes {@code refusal} with its headers, for a filter that answers before Spring MVC is reached. */
    public void write(HttpServletResponse response, Refusal refusal) throws IOException {
        headers(refusal).forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        write(response, problem(refusal));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
