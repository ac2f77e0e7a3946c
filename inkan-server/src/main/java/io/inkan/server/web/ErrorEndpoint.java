package io.inkan.server.web;

import io.inkan.server.infra.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends the errors it raises itself, before any controller runs (a
 * malformed path, an unknown path, a wrong method, a request line, header block or body over the
 * container's limits): they become problem+json of a documented type through {@link ProblemHandler},
 * and are recorded, like every other refusal. The container's own message is never echoed, as it may
 * name internal classes. {@code /error} asked for directly is an unknown path.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        throw new Refused(problem(code instanceof Integer status ? status : HttpStatus.NOT_FOUND.value()));
    }

    /** The documented problem for an error status the container raised. */
    static ProblemDetail problem(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return switch (status) {
            case BAD_REQUEST -> ProblemResponses.problem(Problem.MALFORMED_REQUEST,
                    "The request line, a header or the path is malformed");
            case NOT_FOUND -> ProblemResponses.problem(Problem.NOT_FOUND, "Nothing is served at this path");
            case METHOD_NOT_ALLOWED -> ProblemResponses.problem(Problem.METHOD_NOT_ALLOWED,
                    "This path does not take this method");
            case CONTENT_TOO_LARGE -> ProblemResponses.problem(Problem.REQUEST_TOO_LARGE,
                    "The request body is larger than the server accepts");
            case URI_TOO_LONG -> ProblemResponses.problem(Problem.URI_TOO_LONG,
                    "The request line is longer than the server accepts");
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> ProblemResponses.problem(Problem.HEADERS_TOO_LARGE,
                    "The request headers are larger than the server accepts");
            case UNSUPPORTED_MEDIA_TYPE -> ProblemResponses.problem(Problem.UNSUPPORTED_MEDIA_TYPE,
                    "The request body has a media type this path does not take");
            case INTERNAL_SERVER_ERROR -> ProblemResponses.problem(Problem.INTERNAL_ERROR,
                    "The server could not complete the request");
            case HTTP_VERSION_NOT_SUPPORTED -> ProblemResponses.problem(Problem.HTTP_VERSION_NOT_SUPPORTED,
                    "The server could not complete the request");
            default -> uncatalogued(status);
        };
    }

    /** A status no problem of the catalog is answered with: named after the status, as Spring names it. */
    private static ProblemDetail uncatalogued(HttpStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is4xxClientError()
                ? "The request was refused" : "The server could not complete the request");
        problem.setType(ProblemResponses.uncatalogued(status));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** The container's error, answered by {@link ProblemHandler} so that it is recorded like every refusal. */
    static final class Refused extends RuntimeException {

        private final transient ProblemDetail problem;

        Refused(ProblemDetail problem) {
            super(problem.getDetail(), null, false, false);
            this.problem = problem;
        }

        ProblemDetail problem() {
            return problem;
        }
    }
}
