package io.inkan.server.testkit;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals as the API promises them: an HTTP status, a problem+json body naming the problem type, and
 * exactly one audit record, DENIED for 401/403 (who is asking) and REJECTED otherwise (what is asked).
 */
public final class Refusals {

    private Refusals() {
    }

    /** The outcome the audit trail records for a refusal with {@code status}. */
    public static String outcomeOf(int status) {
        return status == 401 || status == 403 ? "DENIED" : "REJECTED";
    }

    /** Expects {@code response} to be a problem of type {@code slug} with {@code status}. */
    public static ApiCaller.Response assertProblem(ApiCaller.Response response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(slug);
        return response;
    }

    /**
     * Runs {@code call}, expects the refusal of type {@code slug} with {@code status}, and exactly one
     * audit record of {@code action} by {@code principal} in {@code project} with the refusal's outcome.
     */
    public static AuditExpectations.Recorded expectRefused(AuditExpectations audit, Supplier<ApiCaller.Response> call,
                                                           int status, String slug, String action, String project,
                                                           String principal) {
        AuditExpectations.Recorded recorded = audit.expectOne(call, status, action, outcomeOf(status), project, principal);
        assertThat(recorded.response().problemType()).isEqualTo(slug);
        return recorded;
    }
}
