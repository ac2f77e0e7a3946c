package io.inkan.server.identity;

/**
 * The authenticated caller of a request.
 *
 * @param id        the credential's id (an API token id), recorded in events
 * @param projectId the one project a signer is confined to; {@code null} for administrators
 */
public record InkanPrincipal(String id, String name, Role role, Long projectId, String project) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
