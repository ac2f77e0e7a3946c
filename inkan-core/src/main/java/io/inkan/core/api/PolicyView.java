package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * The signing policy of a profile (W1), as set by its project's key custodians and as shown to anyone
 * who can see the profile. A profile that never had a policy set shows the automatic default.
 *
 * @param approvalsRequired  approvals of distinct approvers a request needs; 0 = signing is automatic
 * @param approvalLevel      1, or 2 when every approval must carry a fresh TOTP code of the approver
 * @param releaseWindow      if set, approvals open a release window instead of approving single batches
 * @param namePatterns       globs every artifact name must match; empty = any name
 * @param rateLimit          if set, at most this many signing calls per period on the profile
 * @param requestTimeoutSeconds a request not decided within this time expires
 * @param reminderSeconds    approvers are reminded this long before a request expires; 0 = no reminder
 */
public record PolicyView(String project, String profile, int approvalsRequired, int approvalLevel,
                         ReleaseWindow releaseWindow, List<String> namePatterns, RateLimit rateLimit,
                         long requestTimeoutSeconds, long reminderSeconds, Instant updatedAt) {

    /** An approved window during which up to {@code maxDigests} digests may be signed. */
    public record ReleaseWindow(int maxDigests, long durationSeconds) {
    }

    /** At most {@code calls} signing calls (or requests) per {@code periodSeconds} on one profile. */
    public record RateLimit(int calls, long periodSeconds) {
    }
}
