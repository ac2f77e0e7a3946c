package io.inkan.core.api;

/**
 * The caller as the server sees it ({@code GET /api/v1/whoami}).
 *
 * @param role    {@code admin} or {@code signer}
 * @param project the project a signer is confined to; {@code null} for administrators
 */
public record PrincipalView(String name, String role, String project) {
}
