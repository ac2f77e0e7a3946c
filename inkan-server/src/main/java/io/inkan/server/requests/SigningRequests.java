package io.inkan.server.requests;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.DecisionRequest;
import io.inkan.core.api.SigningRequestCreate;
import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.SeparationOfDuties;
import io.inkan.server.identity.totp.SecondFactor;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.notifications.Notifications;
import io.inkan.server.notifications.WorkflowEvent;
import io.inkan.server.policy.Policies;
import io.inkan.server.policy.ProfileRateLimit;
import io.inkan.server.policy.SigningPolicy;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.sam.IssuedSad;
import io.inkan.server.sam.SadGrant;
import io.inkan.server.sam.SignatureActivation;
import io.inkan.server.sam.SigningInput;
import io.inkan.server.signing.Profiles;
import io.inkan.server.signing.SigningProfile;
import io.inkan.server.infra.encoding.StrictBase64;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The approval workflow (W2, A5, A6): signers ask, approvers decide, time expires what nobody decided.
 * Every state change is one conditional update plus its audit record plus its queued notifications, all
 * in the caller's transaction, so the three never disagree and a restart loses nothing (W4).
 */
@Service
public class SigningRequests {

    /** The SAD factor naming the approved request it was issued for: {@code approval:<request id>}. */
    static final String APPROVAL_FACTOR = "approval:";

    private static final int MAX_TEXT = 1000;
    private static final int MAX_COMMIT = 64;
    private static final int MAX_LIST = 200;
    private static final Duration POLL = Duration.ofMillis(200);

    private final RequestRepository repository;
    private final Policies policies;
    private final ProfileRateLimit rateLimit;
    private final SecondFactor secondFactor;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Profiles profiles;
    private final SignatureActivation activation;
    private final int maxItems;
    private final Clock clock;

    SigningRequests(RequestRepository repository, Policies policies, ProfileRateLimit rateLimit, SecondFactor secondFactor,
                    Notifications notifications, AuditLog audit, Profiles profiles, SignatureActivation activation,
                    InkanProperties properties, Clock clock) {
        this.profiles = profiles;
        this.activation = activation;
        this.repository = repository;
        this.policies = policies;
        this.rateLimit = rateLimit;
        this.secondFactor = secondFactor;
        this.notifications = notifications;
        this.audit = audit;
        this.maxItems = properties.signing().maxBatchSize();
        this.clock = clock;
    }

    /** Records a request by {@code requester} (a signer of the project); call inside a transaction. */
    SigningRequest create(Project project, SigningProfile profile, SigningRequestCreate create, InkanPrincipal requester) {
        SigningPolicy policy = policies.get(profile);
        if (!policy.needsApproval()) {
            throw new Refusal(Problem.APPROVAL_NOT_REQUIRED,
                    "Profile '" + profile.name() + "' signs without approval; sign directly");
        }
        String reason = requireText("reason", create.reason(), MAX_TEXT, true);
        String ciRunUrl = requireUrl(create.ciRunUrl());
        String commit = requireText("commit", create.commit(), MAX_COMMIT, false);
        SigningRequest.Kind kind = policy.releaseWindows() ? SigningRequest.Kind.WINDOW : SigningRequest.Kind.SIGN;
        String algorithm = null;
        List<SigningRequest.Item> items = List.of();
        if (kind == SigningRequest.Kind.WINDOW) {
            if (create.items() != null && !create.items().isEmpty()) {
                throw new Refusal(Problem.INVALID_REQUEST, "Profile '" + profile.name()
                        + "' signs in release windows: a window request carries no items");
            }
        } else {
            SignatureAlgorithm parsed = algorithm(profile, create.algorithm());
            algorithm = parsed.name();
            items = items(parsed, policy, create.items());
        }
        rateLimit.admit(profile, policy);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(policy.requestTimeout());
        SigningRequest request = new SigningRequest(UUID.randomUUID().toString(), project.id(), project.name(), profile.id(),
                profile.name(), kind, requester.id(), requester.name(), algorithm, reason, ciRunUrl, commit,
                RequestState.REQUESTED, policy.approvalsRequired(), policy.approvalLevel(), policy.windowMaxDigests(),
                policy.releaseWindows() ? policy.windowDuration().toSeconds() : null, 0, null, now, expiresAt, null, null,
                items, List.of());
        repository.insert(request, policy.reminderBefore().isZero() ? null : expiresAt.minus(policy.reminderBefore()));
        audit.record(AuditAction.SIGNING_REQUEST_CREATE, Outcome.SUCCESS, project.name(), describe(request), data(request));
        notifications.publish(request.event(WorkflowEvent.Type.REQUESTED, now));
        return request;
    }

    SigningRequest get(Project project, String id) {
        return repository.find(project.id(), id).orElseThrow(() -> Refusal.notFound("Signing request", id));
    }

    List<SigningRequest> list(Project project, String state) {
        RequestState parsed = null;
        if (state != null && !state.isBlank()) {
            parsed = RequestState.fromApiName(state.trim());
            if (parsed == null) {
                throw new Refusal(Problem.INVALID_STATE, "state must be one of "
                        + Arrays.stream(RequestState.values()).map(RequestState::apiName).toList());
            }
        }
        return repository.list(project.id(), parsed, MAX_LIST);
    }

    /**
     * The request once it is no longer waiting for decisions, or as it stands after {@code wait}. Polls
     * the database, so a decision taken on any node ends the wait.
     */
    SigningRequest await(Project project, String id, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        SigningRequest request = get(project, id);
        while (request.state() == RequestState.REQUESTED && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return request;
            }
            request = get(project, id);
        }
        return request;
    }

    /** One approval by {@code approver}; the last one needed approves the request. Call inside a transaction. */
    SigningRequest approve(Project project, String id, InkanPrincipal approver, DecisionRequest decision) {
        SigningRequest request = pending(project, id, approver);
        boolean secondFactorUsed = false;
        if (request.approvalLevel() >= 2) {
            if (decision == null || decision.otp() == null || decision.otp().isBlank()) {
                throw new Refusal(Problem.SECOND_FACTOR_REQUIRED,
                        "Request " + id + " needs level-2 approval: send 'otp', the current TOTP code of your second factor");
            }
            secondFactor.verify(approver, decision.otp());
            secondFactorUsed = true;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        repository.insertDecision(id, new SigningRequest.Decision(approver.id(), approver.name(), true, secondFactorUsed,
                comment(decision), now));
        long approvals = request.approvals() + 1;
        boolean complete = approvals >= request.approvalsRequired();
        if (complete) {
            boolean moved = request.kind() == SigningRequest.Kind.WINDOW
                    ? repository.approveWindow(id, now, now.plusSeconds(request.windowSeconds()))
                    : repository.transition(id, RequestState.REQUESTED, RequestState.APPROVED, now);
            if (!moved) {
                throw notPending(request);
            }
        }
        SigningRequest updated = get(project, id);
        audit.record(AuditAction.APPROVAL_APPROVE, Outcome.SUCCESS, project.name(), "approval " + approvals + " of "
                + request.approvalsRequired() + " for request " + id + " (level " + request.approvalLevel()
                + (secondFactorUsed ? ", second factor verified" : "") + ")"
                + (complete ? "; request approved" + (updated.windowClosesAt() == null ? ""
                : ", window open until " + updated.windowClosesAt()) : ""), decisionData(updated));
        if (complete) {
            notifications.publish(updated.event(WorkflowEvent.Type.APPROVED, now));
        }
        return updated;
    }

    /** A rejection ends the request at once. Call inside a transaction. */
    SigningRequest reject(Project project, String id, InkanPrincipal approver, DecisionRequest decision) {
        SigningRequest request = pending(project, id, approver);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        repository.insertDecision(id, new SigningRequest.Decision(approver.id(), approver.name(), false, false,
                comment(decision), now));
        if (!repository.transition(id, RequestState.REQUESTED, RequestState.REJECTED, now)) {
            throw notPending(request);
        }
        SigningRequest updated = get(project, id);
        audit.record(AuditAction.APPROVAL_REJECT, Outcome.SUCCESS, project.name(), "request " + id + " rejected",
                decisionData(updated));
        notifications.publish(updated.event(WorkflowEvent.Type.REJECTED, now));
        return updated;
    }

    /**
     * Issues to the requester the SAD of an approved request, bound to exactly its digests, algorithm and
     * the profile's key (M2). The handle is shown only in this answer; a requester who lost it collects
     * the SAD again, which replaces the unused earlier handle by a new one expiring at the same time, until
     * the SAD is used or expires. Each collection is recorded. Call inside a transaction.
     */
    IssuedSad issueSad(Project project, String id, InkanPrincipal caller) {
        SigningRequest request = repository.lock(project.id(), id)
                .orElseThrow(() -> Refusal.notFound("Signing request", id));
        if (!request.requesterId().equals(caller.id())) {
            throw new Refusal(Problem.FORBIDDEN, "Only the requester receives the SAD of request " + id);
        }
        if (request.kind() != SigningRequest.Kind.SIGN) {
            throw new Refusal(Problem.NOT_A_BATCH,
                    "Request " + id + " is a release window: sign inside it without a SAD");
        }
        if (request.state() == RequestState.SIGNED) {
            throw new Refusal(Problem.SAD_USED,
                    "The SAD of request " + id + " was already used; it cannot be issued again");
        }
        if (request.state() != RequestState.APPROVED) {
            throw new Refusal(Problem.REQUEST_NOT_APPROVED,
                    "Request " + id + " is " + request.state().apiName() + "; a SAD is issued only for an approved request");
        }
        SigningProfile profile = profiles.get(project, request.profile());
        HexFormat hex = HexFormat.of();
        SadGrant grant = new SadGrant(caller.id(), profile.keyId(), SignatureAlgorithm.valueOf(request.algorithm()),
                request.items().stream().map(item -> hex.parseHex(item.digest())).toList(), request.approvalLevel(),
                List.of(APPROVAL_FACTOR + id), null);
        boolean first = repository.markSadIssued(id, clock.instant());
        IssuedSad sad = first ? activation.issue(grant) : activation.reissue(grant);
        audit.record(AuditAction.SAD_ISSUE, Outcome.SUCCESS, project.name(), "SAD for the " + sad.count()
                        + " digest(s) of approved request " + id + (first ? "" : ", collected again (the earlier, unused one is revoked)")
                        + ", expires " + sad.expiresAt(),
                Map.of("request", id, "count", sad.count(), "expiresAt", sad.expiresAt().toString(),
                        "collection", first ? "first" : "again"));
        return sad;
    }

    /** Marks an approved request signed after its first signature was delivered. Call inside a transaction. */
    void markSigned(String id) {
        SigningRequest request = repository.findById(id).orElseThrow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!repository.transition(id, RequestState.APPROVED, RequestState.SIGNED, now)) {
            return;
        }
        audit.record(AuditAction.SIGNING_REQUEST_SIGNED, Outcome.SUCCESS, request.project(),
                "request " + id + " signed with its SAD");
        notifications.publish(repository.findById(id).orElseThrow().event(WorkflowEvent.Type.SIGNED, now));
    }

    /** Expires one overdue request; false if it was decided meanwhile. Call inside a transaction. */
    boolean expire(SigningRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!repository.transition(request.id(), RequestState.REQUESTED, RequestState.EXPIRED, now)) {
            return false;
        }
        audit.record(AuditLog.SYSTEM, AuditAction.SIGNING_REQUEST_EXPIRE, Outcome.SUCCESS, request.project(),
                "request " + request.id() + " by " + request.requesterName() + " expired with " + request.approvals()
                        + " of " + request.approvalsRequired() + " approval(s)");
        notifications.publish(get(projectOf(request), request.id()).event(WorkflowEvent.Type.EXPIRED, now));
        return true;
    }

    /** Closes a release window whose time is over. Call inside a transaction. */
    boolean close(SigningRequest window) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!repository.transition(window.id(), RequestState.APPROVED, RequestState.CLOSED, now)) {
            return false;
        }
        audit.record(AuditLog.SYSTEM, AuditAction.SIGNING_REQUEST_CLOSE, Outcome.SUCCESS, window.project(),
                "release window " + window.id() + " closed after " + window.windowUsed() + " of "
                        + window.windowMaxDigests() + " digest(s)");
        return true;
    }

    /** Reminds the approvers of one request once. Call inside a transaction. */
    boolean remind(SigningRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!repository.markReminded(request.id(), now)) {
            return false;
        }
        audit.record(AuditLog.SYSTEM, AuditAction.SIGNING_REQUEST_REMIND, Outcome.SUCCESS, request.project(),
                "approvers reminded of request " + request.id() + ", which expires at " + request.expiresAt());
        notifications.publish(request.event(WorkflowEvent.Type.REMINDER, now));
        return true;
    }

    private static Project projectOf(SigningRequest request) {
        return new Project(request.projectId(), request.project(), null, null);
    }

    /** Locks a request awaiting decisions and checks that {@code approver} may decide it (A5). */
    private SigningRequest pending(Project project, String id, InkanPrincipal approver) {
        SigningRequest request = repository.lock(project.id(), id)
                .orElseThrow(() -> Refusal.notFound("Signing request", id));
        if (request.state() != RequestState.REQUESTED) {
            throw notPending(request);
        }
        if (!request.expiresAt().isAfter(clock.instant())) {
            throw new Refusal(Problem.REQUEST_EXPIRED,
                    "Request " + id + " expired at " + request.expiresAt());
        }
        SeparationOfDuties.requireMayApprove(request.requesterId(), request.decidedBy(), approver.id());
        return request;
    }

    private static Refusal notPending(SigningRequest request) {
        return new Refusal(Problem.REQUEST_NOT_PENDING,
                "Request " + request.id() + " is " + request.state().apiName() + " and takes no more decisions");
    }

    /** The profile's algorithm the request names; signing requests carry digests, so only pre-hashed ones. */
    private static SignatureAlgorithm algorithm(SigningProfile profile, String name) {
        SignatureAlgorithm algorithm = profile.allowedAlgorithm(name);
        if (!algorithm.isPrehashed()) {
            throw new Refusal(Problem.ALGORITHM_NOT_ALLOWED,
                    "Signing requests carry digests; pure " + algorithm + " signs whole messages");
        }
        return algorithm;
    }

    private List<SigningRequest.Item> items(SignatureAlgorithm algorithm, SigningPolicy policy,
                                            List<SigningRequestCreate.Item> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new Refusal(Problem.EMPTY_BATCH, "items must hold at least one digest");
        }
        if (requested.size() > maxItems) {
            throw new Refusal(Problem.BATCH_TOO_LARGE,
                    "A request holds at most " + maxItems + " items, this one has " + requested.size());
        }
        List<SigningRequest.Item> items = new ArrayList<>(requested.size());
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < requested.size(); i++) {
            SigningRequestCreate.Item item = requested.get(i);
            if (item == null) {
                throw new Refusal(Problem.INVALID_ITEM, "items[" + i + "] is null");
            }
            String artifact = Names.Label.ARTIFACT.require("items[" + i + "].artifact", item.artifact());
            requireNameAllowed(policy, artifact);
            byte[] digest = SigningInput.require(algorithm, decode(item.digest(), i), "items[" + i + "].digest");
            if (item.size() != null && item.size() < 0) {
                throw new Refusal(Problem.INVALID_ITEM, "items[" + i + "].size must not be negative");
            }
            items.add(new SigningRequest.Item(artifact, hex.formatHex(digest), item.size()));
        }
        return items;
    }

    /** Refuses an artifact name outside the policy's patterns (W1). */
    static void requireNameAllowed(SigningPolicy policy, String artifact) {
        if (!policy.namePatterns().allows(artifact)) {
            throw new Refusal(Problem.ARTIFACT_NAME_NOT_ALLOWED,
                    "Artifact '" + (artifact == null ? "" : artifact) + "' matches none of the profile's name patterns "
                            + policy.namePatterns().globs());
        }
    }

    private static byte[] decode(String value, int index) {
        try {
            return StrictBase64.decode(value);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Problem.INVALID_BASE64, "items[" + index + "].digest is not base64");
        }
    }

    private static String requireText(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new Refusal(Problem.INVALID_REQUEST, field + " is required");
            }
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new Refusal(Problem.INVALID_REQUEST,
                    field + " must be one line of at most " + max + " characters");
        }
        return value.trim();
    }

    private static String requireUrl(String value) {
        String url = requireText("ciRunUrl", value, MAX_TEXT, false);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not http(s)");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new Refusal(Problem.INVALID_REQUEST, "ciRunUrl must be an http(s) URL");
        }
    }

    private static String comment(DecisionRequest decision) {
        return decision == null ? null : requireText("comment", decision.comment(), MAX_TEXT, false);
    }

    private static String describe(SigningRequest request) {
        return request.kind() == SigningRequest.Kind.WINDOW
                ? "release window " + request.id() + " requested on profile '" + request.profile() + "' for "
                + request.windowMaxDigests() + " digest(s): " + request.reason()
                : "request " + request.id() + " to sign " + request.items().size() + " digest(s) with profile '"
                + request.profile() + "' (" + request.algorithm() + "): " + request.reason();
    }

    private static Map<String, Object> data(SigningRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request", request.id());
        data.put("profile", request.profile());
        data.put("kind", request.kind().name().toLowerCase(Locale.ROOT));
        data.put("reason", request.reason());
        if (request.ciRunUrl() != null) {
            data.put("ciRunUrl", request.ciRunUrl());
        }
        if (request.commit() != null) {
            data.put("commit", request.commit());
        }
        if (request.algorithm() != null) {
            data.put("algorithm", request.algorithm());
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (SigningRequest.Item item : request.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("artifact", item.artifact());
            entry.put("digest", item.digest());
            if (item.size() != null) {
                entry.put("size", item.size());
            }
            items.add(entry);
        }
        data.put("items", items);
        data.put("approvalsRequired", request.approvalsRequired());
        data.put("approvalLevel", request.approvalLevel());
        data.put("expiresAt", request.expiresAt().toString());
        return data;
    }

    private static Map<String, Object> decisionData(SigningRequest request) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request", request.id());
        data.put("state", request.state().apiName());
        data.put("approvals", request.approvals());
        data.put("approvalsRequired", request.approvalsRequired());
        data.put("decidedBy", request.decisions().stream().map(SigningRequest.Decision::principalName).toList());
        return data;
    }
}
