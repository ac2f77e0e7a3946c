package io.inkan.server.identity;

import io.inkan.core.api.PrincipalView;
import io.inkan.core.api.TokenRequest;
import io.inkan.core.api.TokenView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who am I, and the administrators' management of API tokens. */
@RestController
@RequestMapping("/api/v1")
class IdentityController {

    private static final int DEFAULT_LIFETIME_DAYS = 90;

    private final ApiTokens tokens;
    private final Projects projects;
    private final AuditLog audit;

    IdentityController(ApiTokens tokens, Projects projects, AuditLog audit) {
        this.tokens = tokens;
        this.projects = projects;
        this.audit = audit;
    }

    @GetMapping("/whoami")
    PrincipalView whoami() {
        InkanPrincipal principal = Access.current();
        return new PrincipalView(principal.name(), principal.kind(),
                principal.bindings().stream().map(RoleBinding::describe).toList(), List.of());
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.TOKEN_CREATE)
    @Transactional
    TokenView create(@RequestBody TokenRequest request) {
        Access.requireAdmin();
        String name = Names.Label.TOKEN.require("name", request.name());
        Role role = Role.fromApiName(request.role());
        if (role == null) {
            throw new Refusal(Problem.INVALID_ROLE, "role must be 'admin', 'signer', 'approver', 'custodian' or 'auditor'");
        }
        Project project = null;
        if (role.projectScoped()) {
            if (request.project() == null) {
                throw new Refusal(Problem.PROJECT_REQUIRED,
                        "A " + role.apiName() + " token needs a project");
            }
            project = projects.get(request.project());
        } else if (request.project() != null) {
            throw new Refusal(Problem.INVALID_SCOPE, "An admin token is not bound to a project");
        }
        int days = request.expiresInDays() == null ? DEFAULT_LIFETIME_DAYS : request.expiresInDays();
        TokenView created = tokens.issue(name, role, project == null ? null : project.id(),
                project == null ? null : project.name(), days);
        audit.record(AuditAction.TOKEN_CREATE, Outcome.SUCCESS, created.project(),
                "token " + created.id() + " '" + created.name() + "' role " + created.role() + " expires " + created.expiresAt());
        return created;
    }

    @GetMapping("/tokens")
    @Audited(AuditAction.TOKEN_READ)
    List<TokenView> list() {
        Access.requireAdmin();
        return tokens.list();
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(AuditAction.TOKEN_REVOKE)
    @Transactional
    void revoke(@PathVariable String id) {
        Access.requireAdmin();
        tokens.revoke(id);
        audit.record(AuditAction.TOKEN_REVOKE, Outcome.SUCCESS, null, "token " + id + " revoked");
    }
}
