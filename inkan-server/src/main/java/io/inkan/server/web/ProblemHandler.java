package io.inkan.server.web;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.AuditLogDamaged;
import io.inkan.server.audit.Outcome;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.TokenException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Map;

/**
 * Turns every refusal of an API call into RFC 9457 problem+json with a stable type, and records it: a
 * {@link Refusal} as its problem says, the failures of other concerns (the token, the audit log) as
 * their catalog problems, Spring MVC's own errors by status. Server-side failures get a generic message:
 * internals, token errors and stack traces go to the log only.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    private final AuditLog audit;

    public ProblemHandler(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refusal(Refusal refusal, NativeWebRequest request) {
        return respond(ProblemResponses.problem(refusal), request, ProblemResponses.headers(refusal));
    }

    @ExceptionHandler(ErrorEndpoint.Refused.class)
    ResponseEntity<Object> containerError(ErrorEndpoint.Refused refused, NativeWebRequest request) {
        return respond(refused.problem(), request);
    }

    @ExceptionHandler(TokenException.class)
    ResponseEntity<Object> tokenFailure(TokenException failure, NativeWebRequest request) {
        LOG.error("token operation failed: {}", failure.getMessage(), failure);
        return respond(ProblemResponses.problem(Problem.TOKEN_FAILURE, "The key token could not complete the operation"),
                request);
    }

    /** The audit log was changed behind the server's back: nothing is signed or changed until someone looks. */
    @ExceptionHandler(AuditLogDamaged.class)
    ResponseEntity<Object> auditLogDamaged(AuditLogDamaged failure, NativeWebRequest request) {
        LOG.error("AUDIT LOG DAMAGED, refusing to go on: {}", failure.getMessage());
        return respond(ProblemResponses.problem(Problem.AUDIT_LOG_DAMAGED,
                "The audit log in the database is not what the server wrote; nothing is signed until it is investigated"),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception failure, NativeWebRequest request) {
        LOG.error("unexpected failure", failure);
        return respond(ProblemResponses.problem(Problem.INTERNAL_ERROR, "The server could not complete the request"),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestTooLargeException tooLarge = cause(ex, RequestTooLargeException.class);
        if (tooLarge != null) {
            return respond(RequestSizeLimitFilter.tooLarge(tooLarge.limit()), request);
        }
        return respond(ProblemResponses.problem(Problem.MALFORMED_REQUEST, describe(ex)), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(statusCode, "The request was refused");
        ProblemResponses.typeForeign(problem, statusCode);
        HttpHeaders writable = new HttpHeaders();
        writable.putAll(headers); // some of Spring's handlers pass read-only headers
        return respond(problem, request, writable);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
        return respond(problem, request, new HttpHeaders());
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request, HttpHeaders headers) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        record(problem, servlet);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    private void record(ProblemDetail problem, HttpServletRequest request) {
        try {
            Outcome outcome = problem.getStatus() >= 500 ? Outcome.FAILED
                    : problem.getStatus() == 401 || problem.getStatus() == 403 ? Outcome.DENIED : Outcome.REJECTED;
            audit.record(action(request), outcome, project(request), ProblemResponses.describe(request, problem, null));
        } catch (RuntimeException e) {
            LOG.error("could not record a refused request", e);
        }
    }

    private static AuditAction action(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler) {
            Audited action = handler.getMethodAnnotation(Audited.class);
            if (action != null) {
                return action.value();
            }
        }
        return AuditAction.REQUEST;
    }

    @SuppressWarnings("unchecked")
    private static String project(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? (String) ((Map<String, String>) map).get("project") : null;
    }

    /** Names the offending field by its JSON path only: Jackson's own messages name internal classes. */
    private static String describe(HttpMessageNotReadableException ex) {
        UnrecognizedPropertyException unknown = cause(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return "Unknown field '" + path(unknown) + "'";
        }
        StreamReadException syntax = cause(ex, StreamReadException.class);
        if (syntax != null && syntax.getOriginalMessage() != null
                && syntax.getOriginalMessage().startsWith("Duplicate Object property")) {
            return "A field is given twice in one object" + duplicated(syntax.getOriginalMessage());
        }
        DatabindException binding = cause(ex, DatabindException.class);
        if (binding != null && !binding.getPath().isEmpty()) {
            return "Field '" + path(binding) + "' has the wrong type or shape";
        }
        return "The request body is missing or is not valid JSON";
    }

    /** The duplicated field's name, as Jackson quotes it ({@code Duplicate Object property "x"}), shortened. */
    private static String duplicated(String message) {
        int open = message.indexOf('"');
        int close = message.indexOf('"', open + 1);
        if (open < 0 || close < 0) {
            return "";
        }
        return " ('" + shown(message.substring(open + 1, close)) + "')";
    }

    /** A field name as the caller sent it, if it is short printable ASCII; otherwise a placeholder. */
    private static String shown(String name) {
        return name.length() <= 64 && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? name : "<field>";
    }

    /** A JSON path such as {@code items[0].digest}, without the Java types Jackson would name. */
    private static String path(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : failure.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(shown(step.getPropertyName()));
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
