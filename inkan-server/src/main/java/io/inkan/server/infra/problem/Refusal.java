package io.inkan.server.infra.problem;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request refused for a reason the caller can act on: a {@link Problem} of the catalog, a detail naming
 * what was wrong (never a secret), and, for refusals that pass with time, when to try again. It is the one
 * exception capability code throws to refuse; the web edge renders it and records the refusal, so the
 * thrower needs to know nothing of HTTP. No stack trace is kept: a refusal is an answer, not a fault.
 */
public final class Refusal extends RuntimeException {

    private final Problem problem;
    private final Duration retryAfter;

    public Refusal(Problem problem, String detail) {
        this(problem, detail, null);
    }

    /** A refusal that passes: {@code retryAfter} says when the same request may succeed. */
    public Refusal(Problem problem, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.retryAfter = retryAfter;
    }

    /** The refusal of a lookup: {@code what} (e.g. "Project") named {@code name} does not exist. */
    public static Refusal notFound(String what, String name) {
        return new Refusal(Problem.NOT_FOUND, what + " '" + name + "' does not exist");
    }

    public Problem problem() {
        return problem;
    }

    public String detail() {
        return getMessage();
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
