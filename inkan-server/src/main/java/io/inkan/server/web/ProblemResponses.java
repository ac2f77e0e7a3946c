package io.inkan.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Writes problem+json straight to a servlet response, for refusals that happen before Spring MVC is
 * reached (authentication, body size); controllers use {@link ProblemHandler} for the same shape.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ApiProblem.type(slug));
        problem.setTitle(title);
        return problem;
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
}
