package io.inkan.server.web;

import io.inkan.server.infra.seal.ConfigurationTampered;
import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * A refusal the caller can act on, rendered as RFC 9457 problem+json. Each has a stable type URI
 * ({@code urn:inkan:problem:<slug>}, listed in docs/api-errors.md) so clients can branch on it rather
 * than on prose; the detail names what was wrong without echoing secrets.
 */
public class ApiProblem extends RuntimeException {

    private static final String TYPE_PREFIX = "urn:inkan:problem:";

    private final HttpStatus status;
    private final String slug;
    private final String title;

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ApiProblem badRequest(String slug, String title, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, slug, title, detail);
    }

    public static ApiProblem notFound(String what, String name) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " '" + name + "' does not exist");
    }

    public static ApiProblem conflict(String slug, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, title, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** The problem a row refused by the configuration seal (M7) is rendered as. */
    public static ApiProblem of(ConfigurationTampered tampered) {
        return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "configuration-tampered", "Configuration tampered",
                tampered.getMessage());
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
