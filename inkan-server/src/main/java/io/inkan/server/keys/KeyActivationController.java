package io.inkan.server.keys;

import io.inkan.core.api.ActivationPolicyRequest;
import io.inkan.core.api.ActivationView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.Role;
import io.inkan.server.projects.Projects;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * M-of-N activation of a key (K8): its project's custodians set the policy once; the custodians it names
 * approve activations, each with their own credential.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/keys/{key}")
class KeyActivationController {

    private final Projects projects;
    private final Keys keys;
    private final KeyActivations activations;
    private final AuditLog audit;

    KeyActivationController(Projects projects, Keys keys, KeyActivations activations, AuditLog audit) {
        this.projects = projects;
        this.keys = keys;
        this.activations = activations;
        this.audit = audit;
    }

    @PostMapping("/activation-policy")
    @Audited(AuditAction.KEY_ACTIVATION_POLICY)
    @Transactional
    ActivationView setPolicy(@PathVariable String project, @PathVariable String key,
                             @RequestBody ActivationPolicyRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        SigningKey signingKey = keys.get(projects.get(project), key);
        ActivationView view = activations.setPolicy(signingKey, request);
        audit.record(AuditAction.KEY_ACTIVATION_POLICY, Outcome.SUCCESS, project, "key '" + key + "' requires "
                + view.required() + " of " + view.custodians() + " for each activation, window " + view.window()
                + ", " + view.maxUses() + " use(s)");
        return view;
    }

    @PostMapping("/activations")
    @Audited(AuditAction.KEY_ACTIVATION_APPROVE)
    @Transactional
    ActivationView approve(@PathVariable String project, @PathVariable String key) {
        InkanPrincipal custodian = Access.requireRole(project, Role.CUSTODIAN);
        SigningKey signingKey = keys.get(projects.get(project), key);
        ActivationView view = activations.approve(signingKey, custodian);
        audit.record(AuditAction.KEY_ACTIVATION_APPROVE, Outcome.SUCCESS, project, "approval " + view.approvedBy().size()
                + " of " + view.required() + " for key '" + key + "' by " + custodian.name()
                + (view.state().equals("active") ? "; activated until " + view.expiresAt() + " for " + view.usesLeft()
                + " use(s)" : "; pending until " + view.expiresAt()));
        return view;
    }

    @GetMapping("/activation")
    @Audited(AuditAction.KEY_READ)
    ActivationView get(@PathVariable String project, @PathVariable String key) {
        Access.requireVisible(project);
        return activations.view(keys.get(projects.get(project), key));
    }
}
