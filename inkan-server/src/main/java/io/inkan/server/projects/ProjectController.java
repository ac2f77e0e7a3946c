package io.inkan.server.projects;

import io.inkan.core.api.ProjectRequest;
import io.inkan.core.api.ProjectView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Project administration; anyone but an administrator sees only the projects it holds a role in. */
@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    private final Projects projects;
    private final AuditLog audit;

    ProjectController(Projects projects, AuditLog audit) {
        this.projects = projects;
        this.audit = audit;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.PROJECT_CREATE)
    @Transactional
    ProjectView create(@RequestBody ProjectRequest request) {
        Access.requireAdmin();
        Project project = projects.create(request.name(), request.description());
        audit.record(AuditAction.PROJECT_CREATE, Outcome.SUCCESS, project.name(), "project created");
        return project.view();
    }

    @GetMapping
    @Audited(AuditAction.PROJECT_READ)
    List<ProjectView> list() {
        InkanPrincipal principal = Access.current();
        return projects.list().stream()
                .filter(project -> principal.isAdmin() || principal.memberOf(project.name()))
                .map(Project::view)
                .toList();
    }
}
