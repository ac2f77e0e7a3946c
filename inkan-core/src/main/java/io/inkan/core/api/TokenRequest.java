package io.inkan.core.api;

/**
 * Creates an API token for a machine or person.
 *
 * @param role          the token's one role binding: {@code signer}, {@code approver}, {@code custodian},
 *                      {@code auditor} or {@code admin}
 * @param project       the project the token is confined to; {@code null} for an admin token
 * @param expiresInDays lifetime; tokens always expire
 */
public record TokenRequest(String name, String role, String project, Integer expiresInDays) {
}
