package io.inkan.core.api;

/**
 * Creates an API token for a machine or person.
 *
 * @param role          {@code signer} (signs through the project's profiles), {@code auditor} (reads the
 *                      project's records) or {@code admin}
 * @param project       the project a signer or auditor token is confined to; {@code null} for an admin token
 * @param expiresInDays lifetime; tokens always expire
 */
public record TokenRequest(String name, String role, String project, Integer expiresInDays) {
}
