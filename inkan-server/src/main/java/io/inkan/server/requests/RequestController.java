package io.inkan.server.requests;

import io.inkan.core.api.DecisionRequest;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SigningRequestCreate;
import io.inkan.core.api.SigningRequestView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.Role;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import io.inkan.server.sam.IssuedSad;
import io.inkan.server.signing.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/**
 * Signing requests of a project: its signers ask, its approvers decide, its members look. The requester
 * waits for the decision with {@code GET .../requests/{id}?wait=SECONDS} (bounded by
 * {@code inkan.workflow.max-wait}) or polls.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/requests")
class RequestController {

    private final Projects projects;
    private final Profiles profiles;
    private final SigningRequests requests;
    private final Duration maxWait;

    RequestController(Projects projects, Profiles profiles, SigningRequests requests, WorkflowProperties properties) {
        this.projects = projects;
        this.profiles = profiles;
        this.requests = requests;
        this.maxWait = properties.maxWait();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.SIGNING_REQUEST_CREATE)
    @Transactional
    SigningRequestView create(@PathVariable String project, @RequestBody SigningRequestCreate request) {
        InkanPrincipal requester = Access.requireSigner(project);
        Project owner = projects.get(project);
        if (request.profile() == null) {
            throw new Refusal(Problem.INVALID_REQUEST, "profile is required");
        }
        return requests.create(owner, profiles.get(owner, request.profile()), request, requester).view();
    }

    @GetMapping
    @Audited(AuditAction.SIGNING_REQUEST_READ)
    List<SigningRequestView> list(@PathVariable String project, @RequestParam(required = false) String state) {
        Access.requireVisible(project);
        return requests.list(projects.get(project), state).stream().map(SigningRequest::view).toList();
    }

    @GetMapping("/{id}")
    @Audited(AuditAction.SIGNING_REQUEST_READ)
    SigningRequestView get(@PathVariable String project, @PathVariable String id,
                           @RequestParam(required = false, defaultValue = "0") long wait) {
        Access.requireVisible(project);
        if (wait < 0) {
            throw new Refusal(Problem.INVALID_WAIT, "wait is a number of seconds, at least 0");
        }
        Duration bounded = Duration.ofSeconds(Math.min(wait, maxWait.toSeconds()));
        return requests.await(projects.get(project), id, bounded).view();
    }

    @PostMapping("/{id}/approve")
    @Audited(AuditAction.APPROVAL_APPROVE)
    @Transactional
    SigningRequestView approve(@PathVariable String project, @PathVariable String id,
                               @RequestBody(required = false) DecisionRequest decision) {
        InkanPrincipal approver = Access.requireRole(project, Role.APPROVER);
        return requests.approve(projects.get(project), id, approver, decision).view();
    }

    /** The requester collects the SAD of its approved request (again, if the answer was lost) and signs with it. */
    @PostMapping("/{id}/sad")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.SAD_ISSUE)
    @Transactional
    SadView sad(@PathVariable String project, @PathVariable String id) {
        InkanPrincipal requester = Access.requireSigner(project);
        IssuedSad sad = requests.issueSad(projects.get(project), id, requester);
        return new SadView(sad.sad(), sad.expiresAt(), sad.count());
    }

    @PostMapping("/{id}/reject")
    @Audited(AuditAction.APPROVAL_REJECT)
    @Transactional
    SigningRequestView reject(@PathVariable String project, @PathVariable String id,
                              @RequestBody(required = false) DecisionRequest decision) {
        InkanPrincipal approver = Access.requireRole(project, Role.APPROVER);
        return requests.reject(projects.get(project), id, approver, decision).view();
    }
}
