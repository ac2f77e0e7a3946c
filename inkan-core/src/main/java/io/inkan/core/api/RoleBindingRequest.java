package io.inkan.core.api;

/**
 * Grants (or, on delete, withdraws) a role.
 *
 * @param role    {@code signer}, {@code approver}, {@code custodian}, {@code auditor} or {@code admin}
 * @param project the project of a project role; {@code null} for {@code admin}
 */
public record RoleBindingRequest(String role, String project) {
}
