package io.inkan.server.identity;

import java.util.List;

/**
 * The authenticated caller of a request, with every role binding it holds for this request.
 *
 * @param id       the credential's id (API token id, principal id, certificate or CI identity), recorded in events
 * @param name     the human-readable name recorded with the id
 * @param kind     {@code human}, {@code machine}, {@code token} or {@code ci}
 * @param bindings the grants; empty means the caller may do nothing but ask who it is. A principal holding
 *                 the administrator role never carries a signing duty ({@link Role#signingDuty()}): such
 *                 bindings are dropped here, whichever source (database, directory, token) supplied them,
 *                 so no check elsewhere can be fooled by a binding that should not exist
 */
public record InkanPrincipal(String id, String name, String kind, List<RoleBinding> bindings) {

    public InkanPrincipal {
        bindings = withoutSigningDutiesOfAdministrators(bindings);
    }

    /** {@code bindings} without its signing duties if it also holds the administrator role. */
    private static List<RoleBinding> withoutSigningDutiesOfAdministrators(List<RoleBinding> bindings) {
        boolean admin = bindings.stream().anyMatch(binding -> binding.role() == Role.ADMIN);
        return admin ? bindings.stream().filter(binding -> !binding.role().signingDuty()).toList() : List.copyOf(bindings);
    }

    public boolean isAdmin() {
        return bindings.stream().anyMatch(binding -> binding.role() == Role.ADMIN);
    }

    /** Whether any role binds the caller to {@code project}, which is what makes the project visible. */
    public boolean memberOf(String project) {
        return bindings.stream().anyMatch(binding -> binding.role().projectScoped() && project.equals(binding.project()));
    }

    public boolean has(String project, Role role) {
        return bindings.stream().anyMatch(binding -> binding.role() == role && project.equals(binding.project()));
    }
}
