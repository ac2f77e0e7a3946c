package io.inkan.server.identity;

import io.inkan.server.web.ApiProblem;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authorization rules of the API in one place. A principal of another project is told the object
 * does not exist (404) rather than that it is forbidden, so project names do not leak across projects.
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

    public static InkanPrincipal requireAdmin() {
        InkanPrincipal principal = current();
        if (!principal.isAdmin()) {
            throw ApiProblem.forbidden("This operation needs the administrator role");
        }
        return principal;
    }

    /** Administrators see every project; a signer only its own (others look absent). */
    public static InkanPrincipal requireVisible(String project) {
        InkanPrincipal principal = current();
        if (!principal.isAdmin() && !project.equals(principal.project())) {
            throw ApiProblem.notFound("Project", project);
        }
        return principal;
    }

    /** Audit records of a project are read by its auditors and by administrators; nobody writes them. */
    public static InkanPrincipal requireAuditor(String project) {
        InkanPrincipal principal = requireVisible(project);
        if (!principal.isAdmin() && principal.role() != Role.AUDITOR) {
            throw ApiProblem.forbidden("Reading audit records needs the auditor role");
        }
        return principal;
    }

    /** Only a signer of this very project signs; administrators never do. */
    public static InkanPrincipal requireSigner(String project) {
        InkanPrincipal principal = requireVisible(project);
        if (principal.role() != Role.SIGNER) {
            throw ApiProblem.forbidden("Only a signer of the project may sign; administrators cannot sign");
        }
        return principal;
    }
}
