package io.inkan.server.policy;

import io.inkan.core.api.PolicyRequest;
import io.inkan.core.api.PolicyView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import io.inkan.server.signing.Profiles;
import io.inkan.server.signing.SigningProfile;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A profile's policy: read by the project's members, set by its key custodians (W1). */
@RestController
@RequestMapping("/api/v1/projects/{project}/profiles/{profile}/policy")
class PolicyController {

    private final Projects projects;
    private final Profiles profiles;
    private final Policies policies;
    private final AuditLog audit;

    PolicyController(Projects projects, Profiles profiles, Policies policies, AuditLog audit) {
        this.projects = projects;
        this.profiles = profiles;
        this.policies = policies;
        this.audit = audit;
    }

    @GetMapping
    @Audited(AuditAction.POLICY_READ)
    PolicyView get(@PathVariable String project, @PathVariable String profile) {
        Access.requireVisible(project);
        SigningProfile found = profiles.get(projects.get(project), profile);
        return policies.get(found).view(project, found.name());
    }

    @PutMapping
    @Audited(AuditAction.POLICY_SET)
    @Transactional
    PolicyView set(@PathVariable String project, @PathVariable String profile, @RequestBody PolicyRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        Project owner = projects.get(project);
        SigningProfile found = profiles.get(owner, profile);
        SigningPolicy policy = policies.set(found, request);
        PolicyView view = policy.view(project, found.name());
        audit.record(AuditAction.POLICY_SET, Outcome.SUCCESS, project,
                "policy of profile '" + found.name() + "': " + policy.describe());
        return view;
    }
}
