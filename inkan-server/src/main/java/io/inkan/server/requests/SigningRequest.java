package io.inkan.server.requests;

import io.inkan.core.api.SigningRequestCreate;
import io.inkan.core.api.SigningRequestView;
import io.inkan.server.notifications.WorkflowEvent;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** A stored signing request with its items and decisions. */
record SigningRequest(String id, long projectId, String project, long profileId, String profile, Kind kind,
                      String requesterId, String requesterName, String algorithm, String reason, String ciRunUrl,
                      String commit, RequestState state, int approvalsRequired, int approvalLevel,
                      Integer windowMaxDigests, Long windowSeconds, int windowUsed, Instant windowClosesAt,
                      Instant createdAt, Instant expiresAt, Instant decidedAt, Instant signedAt,
                      List<Item> items, List<Decision> decisions) {

    SigningRequest {
        items = List.copyOf(items);
        decisions = List.copyOf(decisions);
    }

    /** A batch of exact digests, or a release window. */
    enum Kind {
        SIGN,
        WINDOW
    }

    /** @param digest hex, as signed */
    record Item(String artifact, String digest, Long size) {
    }

    record Decision(String principalId, String principalName, boolean approve, boolean secondFactor, String comment,
                    Instant decidedAt) {
    }

    long approvals() {
        return decisions.stream().filter(Decision::approve).count();
    }

    List<String> decidedBy() {
        return decisions.stream().map(Decision::principalId).toList();
    }

    SigningRequestView view() {
        Base64.Encoder base64 = Base64.getEncoder();
        HexFormat hex = HexFormat.of();
        return SigningRequestView.builder().id(id).project(project).profile(profile)
                .kind(kind.name().toLowerCase(Locale.ROOT)).requester(requesterName).algorithm(algorithm)
                .items(items.stream().map(i -> new SigningRequestCreate.Item(i.artifact(),
                        base64.encodeToString(hex.parseHex(i.digest())), i.size())).toList())
                .reason(reason).ciRunUrl(ciRunUrl).commit(commit).state(state.apiName())
                .approvalsRequired(approvalsRequired).approvalLevel(approvalLevel)
                .decisions(decisions.stream().map(d -> new SigningRequestView.Decision(d.principalName(),
                        d.approve() ? "approved" : "rejected", d.secondFactor(), d.comment(), d.decidedAt())).toList())
                .windowMaxDigests(windowMaxDigests).windowUsed(windowUsed).windowClosesAt(windowClosesAt)
                .createdAt(createdAt).expiresAt(expiresAt).decidedAt(decidedAt).signedAt(signedAt)
                .build();
    }

    WorkflowEvent event(WorkflowEvent.Type type, Instant at) {
        return new WorkflowEvent(type, id, project, profile, kind.name().toLowerCase(Locale.ROOT), requesterName, requesterId, reason,
                ciRunUrl, items.stream().map(Item::artifact).toList(), state.apiName(), approvalsRequired,
                (int) approvals(), expiresAt, at);
    }
}
