package io.inkan.server.identity;

/**
 * One grant: a role in a project ({@code projectId}/{@code project} are {@code null} for the system
 * administrator). Principals hold any number; an API token carries exactly one.
 */
public record RoleBinding(Role role, Long projectId, String project) {

    public String describe() {
        return role.projectScoped() ? project + ":" + role.apiName() : role.apiName();
    }
}
