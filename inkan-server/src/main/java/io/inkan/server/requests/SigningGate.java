package io.inkan.server.requests;

import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.policy.Policies;
import io.inkan.server.policy.ProfileRateLimit;
import io.inkan.server.policy.SigningPolicy;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import io.inkan.server.sam.ApprovedWindow;
import io.inkan.server.sam.DirectAuthorization;
import io.inkan.server.signing.Profiles;
import io.inkan.server.signing.SigningProfile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * What a profile's policy demands around the signing of a batch (W1): artifact names that match its
 * patterns and a free slot under its rate limit; if it needs approval, either a SAD issued for an
 * approved request of this profile (the Signature Activation Module then checks that the SAD covers
 * exactly the batch's digests), or, for release windows, room in an approved window. A profile that
 * approves batches refuses signing without such a SAD and points to the requests endpoint, and refuses
 * {@code /authorize} the same way.
 */
@Component
public class SigningGate implements DirectAuthorization {

    private final Projects projects;
    private final Profiles profiles;
    private final Policies policies;
    private final ProfileRateLimit rateLimit;
    private final RequestRepository repository;
    private final SigningRequests requests;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SigningGate(Projects projects, Profiles profiles, Policies policies, ProfileRateLimit rateLimit,
                RequestRepository repository, SigningRequests requests, TransactionTemplate transactions, Clock clock) {
        this.projects = projects;
        this.profiles = profiles;
        this.policies = policies;
        this.rateLimit = rateLimit;
        this.repository = repository;
        this.requests = requests;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs {@code signing} if the policy admits the batch, and then marks the approved request signed.
     * {@code signing} receives the release window the batch was counted against ({@code null} outside
     * windows); digests taken from it are given back if the signing fails.
     */
    public SignHashResponse around(String projectName, String profileName, SignHashRequest request,
                                   Function<ApprovedWindow, SignHashResponse> signing) {
        Project project = projects.get(projectName);
        SigningProfile profile = profiles.get(project, profileName);
        SigningPolicy policy = policies.get(profile);
        if (request.items() != null) {
            for (int i = 0; i < request.items().size(); i++) {
                SignHashRequest.Item item = request.items().get(i);
                String artifact = item == null || item.artifact() == null ? null
                        : Names.Label.ARTIFACT.require("items[" + i + "].artifact", item.artifact());
                SigningRequests.requireNameAllowed(policy, artifact);
            }
        }
        rateLimit.admit(profile, policy);
        if (!policy.needsApproval()) {
            return signing.apply(null);
        }
        String endpoint = "/api/v1/projects/" + project.name() + "/requests";
        if (!policy.releaseWindows()) {
            String approved = approvedRequestOf(request.sad(), profile, endpoint);
            SignHashResponse response = signing.apply(null);
            transactions.executeWithoutResult(status -> requests.markSigned(approved));
            return response;
        }
        int count = request.items() == null ? 0 : request.items().size();
        ApprovedWindow window = transactions.execute(status -> takeFromWindow(profile, count, endpoint));
        try {
            return signing.apply(window);
        } catch (RuntimeException e) {
            transactions.executeWithoutResult(status -> repository.returnToWindow(window.requestId(), count));
            throw e;
        }
    }

    /** A profile whose batches need approval takes its SADs from approved requests only. */
    @Override
    public void requireAllowed(SigningProfile profile) {
        SigningPolicy policy = policies.get(profile);
        if (policy.needsApproval() && !policy.releaseWindows()) {
            throw approvalRequired(profile, "/api/v1/projects/" + profile.project() + "/requests");
        }
    }

    private static Refusal approvalRequired(SigningProfile profile, String endpoint) {
        return new Refusal(Problem.APPROVAL_REQUIRED,
                "Profile '" + profile.name() + "' signs only approved requests: POST " + endpoint
                        + " with the digests, wait for the approvals, then POST " + endpoint
                        + "/{id}/sad and sign with that SAD");
    }

    /** The id of the approved request of this profile whose SAD the batch carries, or a refusal. */
    private String approvedRequestOf(String sad, SigningProfile profile, String endpoint) {
        Refusal required = approvalRequired(profile, endpoint);
        if (sad == null || sad.length() > 200) {
            throw required;
        }
        String id = repository.requestOfSad(sha256(sad)).orElseThrow(() -> required);
        SigningRequest approved = repository.findById(id).orElseThrow(() -> required);
        if (approved.profileId() != profile.id()
                || (approved.state() != RequestState.APPROVED && approved.state() != RequestState.SIGNED)) {
            throw required;
        }
        return id;
    }

    private ApprovedWindow takeFromWindow(SigningProfile profile, int count, String endpoint) {
        Instant now = clock.instant();
        boolean anyOpen = false;
        for (String window : repository.openWindows(profile.id(), now)) {
            anyOpen = true;
            if (repository.takeFromWindow(window, count, now)) {
                return new ApprovedWindow(window, repository.findById(window).orElseThrow().approvalLevel());
            }
        }
        if (anyOpen) {
            throw new Refusal(Problem.RELEASE_WINDOW_EXHAUSTED,
                    "The open release window of profile '" + profile.name() + "' has no room for " + count
                            + " more digest(s); ask for a new window: POST " + endpoint);
        }
        throw new Refusal(Problem.RELEASE_WINDOW_REQUIRED,
                "Profile '" + profile.name() + "' signs only inside an approved release window: POST " + endpoint
                        + " and have it approved");
    }

    private static byte[] sha256(String sad) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sad.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
