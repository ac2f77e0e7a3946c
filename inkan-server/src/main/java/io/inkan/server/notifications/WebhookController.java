package io.inkan.server.notifications;

import io.inkan.core.api.WebhookRequest;
import io.inkan.core.api.WebhookView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
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

/** A project's webhooks, managed by its key custodians, who also set its policies. */
@RestController
@RequestMapping("/api/v1/projects/{project}/webhooks")
class WebhookController {

    private final Projects projects;
    private final Webhooks webhooks;
    private final AuditLog audit;

    WebhookController(Projects projects, Webhooks webhooks, AuditLog audit) {
        this.projects = projects;
        this.webhooks = webhooks;
        this.audit = audit;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.WEBHOOK_CREATE)
    @Transactional
    WebhookView create(@PathVariable String project, @RequestBody WebhookRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        WebhookView created = webhooks.create(projects.get(project), request.url(),
                Boolean.TRUE.equals(request.auditCheckpoints()));
        audit.record(AuditAction.WEBHOOK_CREATE, Outcome.SUCCESS, project, "webhook " + created.id() + " to " + created.url()
                + (created.auditCheckpoints() ? ", with audit checkpoints" : ""));
        return created;
    }

    @GetMapping
    @Audited(AuditAction.WEBHOOK_READ)
    List<WebhookView> list(@PathVariable String project) {
        Access.requireRole(project, Role.CUSTODIAN);
        return webhooks.list(projects.get(project));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(AuditAction.WEBHOOK_DELETE)
    @Transactional
    void delete(@PathVariable String project, @PathVariable String id) {
        Access.requireRole(project, Role.CUSTODIAN);
        WebhookView removed = webhooks.delete(projects.get(project), id);
        audit.record(AuditAction.WEBHOOK_DELETE, Outcome.SUCCESS, project, "webhook " + removed.id() + " to " + removed.url());
    }
}
