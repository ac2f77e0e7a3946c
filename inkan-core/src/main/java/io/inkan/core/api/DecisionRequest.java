package io.inkan.core.api;

/**
 * An approver's approval or rejection of a signing request.
 *
 * @param otp     the approver's current TOTP code, required when the request needs level-2 approval
 * @param comment optional, recorded with the decision
 */
public record DecisionRequest(String otp, String comment) {
}
