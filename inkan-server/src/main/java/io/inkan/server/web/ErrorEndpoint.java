package io.inkan.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

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
        throw problem(code instanceof Integer status ? status : HttpStatus.NOT_FOUND.value());
    }

    /** The documented problem for an error status the container raised. */
    static ApiProblem problem(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return switch (status) {
            case BAD_REQUEST -> new ApiProblem(status, "malformed-request", "Malformed request",
                    "The request line, a header or the path is malformed");
            case NOT_FOUND -> new ApiProblem(status, "not-found", "Not found", "Nothing is served at this path");
            case METHOD_NOT_ALLOWED -> new ApiProblem(status, "method-not-allowed", "Method not allowed",
                    "This path does not take this method");
            case CONTENT_TOO_LARGE -> new ApiProblem(status, "request-too-large", "Request too large",
                    "The request body is larger than the server accepts");
            case URI_TOO_LONG -> new ApiProblem(status, "uri-too-long", "URI too long",
                    "The request line is longer than the server accepts");
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> new ApiProblem(status, "headers-too-large",
                    "Request headers too large", "The request headers are larger than the server accepts");
            case UNSUPPORTED_MEDIA_TYPE -> new ApiProblem(status, "unsupported-media-type", "Unsupported media type",
                    "The request body has a media type this path does not take");
            case INTERNAL_SERVER_ERROR -> new ApiProblem(status, "internal-error", "Internal error",
                    "The server could not complete the request");
            default -> new ApiProblem(status, status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    status.getReasonPhrase(), status.is4xxClientError() ? "The request was refused"
                    : "The server could not complete the request");
        };
    }
}
