package io.inkan.server.identity;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authorization rules of the API in one place (docs/security.md holds the table, and
 * {@code AccessMatrixTest} checks this code against it). A principal without a role in a project is
 * told the project does not exist (404) rather than that it is forbidden, so project names do not leak
 * across projects (A4); a member lacking the needed role gets 403.
 */
public final class Access {

    private Access() {
    }

    /** The caller of the current request; the security filter guarantees there is one under /api. */
    public static InkanPrincipal current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof InkanPrincipal principal)) {
            throw new IllegalStateException("no authenticated Inkan principal");
        }
        return principal;
    }

    /** The caller, if the request carried a valid credential; used when recording events. */
    public static InkanPrincipal currentOrNull() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof InkanPrincipal p ? p : null;
    }

    /** Project, principal, role-binding and credential management. */
    public static InkanPrincipal requireAdmin() {
        InkanPrincipal principal = current();
        if (!principal.isAdmin()) {
            throw new Refusal(Problem.FORBIDDEN, "This operation needs the administrator role");
        }
        return principal;
    }

    /** Administrators see every project (to manage it); anyone else only projects they hold a role in. */
    public static InkanPrincipal requireVisible(String project) {
        InkanPrincipal principal = current();
        if (!principal.isAdmin() && !principal.memberOf(project)) {
            throw Refusal.notFound("Project", project);
        }
        return principal;
    }

    /**
     * A project-scoped role of this very project. Nobody else may act. A system administrator never
     * signs, approves or holds key custody, even where a binding says so (one left over from before
     * the rule, or a directory group): the rule is checked here, at the one place every such action passes.
     */
    public static InkanPrincipal requireRole(String project, Role role) {
        InkanPrincipal principal = current();
        if (role.signingDuty() && principal.isAdmin()) {
            throw new Refusal(Problem.FORBIDDEN,
                    "Administrators cannot act as " + role.apiName() + "; administrators cannot sign");
        }
        if (!principal.memberOf(project)) {
            if (principal.isAdmin()) {
                throw new Refusal(Problem.FORBIDDEN, "Administrators cannot act as " + role.apiName());
            }
            throw Refusal.notFound("Project", project);
        }
        if (!principal.has(project, role)) {
            throw new Refusal(Problem.FORBIDDEN, "This operation needs the " + role.apiName() + " role in the project");
        }
        return principal;
    }

    /** Audit records of a project are read by its auditors and by administrators; nobody writes them. */
    public static InkanPrincipal requireAuditor(String project) {
        InkanPrincipal principal = requireVisible(project);
        if (!principal.isAdmin() && !principal.has(project, Role.AUDITOR)) {
            throw new Refusal(Problem.FORBIDDEN, "Reading audit records needs the auditor role");
        }
        return principal;
    }

    /** Only a signer of this very project signs; administrators never do. */
    public static InkanPrincipal requireSigner(String project) {
        return requireRole(project, Role.SIGNER);
    }
}
