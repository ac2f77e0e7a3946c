package io.inkan.server.requests;

import io.inkan.core.api.SignHashRequest;
import io.inkan.server.policy.Policies;
import io.inkan.server.policy.RateLimiter;
import io.inkan.server.policy.SigningPolicy;
import io.inkan.server.projects.Project;
import io.inkan.server.signing.SigningProfile;
import io.inkan.server.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * What a profile's policy demands before its key signs a batch (W1): artifact names that match its
 * patterns, a free slot under its rate limit, and, if it needs approval, room in an approved release
 * window. A profile that approves single batches refuses direct signing and points to the requests
 * endpoint. Runs inside the signing transaction, so digests taken from a window are given back if the
 * signing fails.
 */
@Component
public class SigningGate {

    private final Policies policies;
    private final RateLimiter rateLimiter;
    private final RequestRepository repository;

    SigningGate(Policies policies, RateLimiter rateLimiter, RequestRepository repository) {
        this.policies = policies;
        this.rateLimiter = rateLimiter;
        this.repository = repository;
    }

    /** Admits the batch or refuses it with the policy's reason. */
    public void admit(Project project, SigningProfile profile, SignHashRequest request) {
        SigningPolicy policy = policies.get(profile);
        if (request.items() != null) {
            for (SignHashRequest.Item item : request.items()) {
                SigningRequests.requireNameAllowed(policy, item == null ? null : item.artifact());
            }
        }
        rateLimiter.admit(profile, policy);
        if (!policy.needsApproval()) {
            return;
        }
        String requests = "/api/v1/projects/" + project.name() + "/requests";
        if (!policy.releaseWindows()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "approval-required", "Approval required",
                    "Profile '" + profile.name() + "' signs only approved requests: POST " + requests
                            + " with the digests, wait for the approvals, then sign with the request's SAD");
        }
        int count = request.items() == null ? 0 : request.items().size();
        Instant now = Instant.now();
        boolean anyOpen = false;
        for (String window : repository.openWindows(profile.id(), now)) {
            anyOpen = true;
            if (repository.takeFromWindow(window, count, now)) {
                return;
            }
        }
        if (anyOpen) {
            throw ApiProblem.conflict("release-window-exhausted", "Release window exhausted",
                    "The open release window of profile '" + profile.name() + "' has no room for " + count
                            + " more digest(s); ask for a new window: POST " + requests);
        }
        throw new ApiProblem(HttpStatus.FORBIDDEN, "release-window-required", "Release window required",
                "Profile '" + profile.name() + "' signs only inside an approved release window: POST " + requests
                        + " and have it approved");
    }
}
