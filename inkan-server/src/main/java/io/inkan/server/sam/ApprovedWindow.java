package io.inkan.server.sam;

/**
 * An open release window a batch was counted against: M approvers authorized up to N digests of one
 * profile for a time, at {@code approvalLevel} (2: each approval carried the approver's own TOTP code).
 * Like the approvals of a single request, a level-2 window stands in for the signer's second factor, so
 * a level-2 profile signs inside it without a SAD; a level-1 window does not open a level-2 profile.
 *
 * @param requestId     the window's signing request, named in the signature's audit record
 * @param approvalLevel the level its approvals were given at
 */
public record ApprovedWindow(String requestId, int approvalLevel) {
}
