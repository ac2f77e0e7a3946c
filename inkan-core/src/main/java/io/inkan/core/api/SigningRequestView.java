package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A signing request and its decisions. {@code state} is {@code requested}, {@code approved},
 * {@code rejected}, {@code expired}, {@code signed} or, for release windows, {@code closed}.
 */
public record SigningRequestView(String id, String project, String profile, String kind, String requester,
                                 String algorithm, List<SigningRequestCreate.Item> items, String reason,
                                 String ciRunUrl, String commit, String state, int approvalsRequired,
                                 int approvalLevel, List<Decision> decisions, Integer windowMaxDigests,
                                 int windowUsed, Instant windowClosesAt, Instant createdAt, Instant expiresAt,
                                 Instant decidedAt, Instant signedAt) {

    /** One approver's approval or rejection; {@code secondFactor} tells whether a TOTP code backed it. */
    public record Decision(String principal, String decision, boolean secondFactor, String comment,
                           Instant decidedAt) {
    }
}
