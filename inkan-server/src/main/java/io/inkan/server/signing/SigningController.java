package io.inkan.server.signing;

import io.inkan.core.api.ProfileRequest;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
import io.inkan.server.projects.Projects;
import io.inkan.server.requests.SigningGate;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Signing profiles (set up by the project's key custodians) and the hash-signing endpoint (its signers). */
@RestController
@RequestMapping("/api/v1/projects/{project}/profiles")
class SigningController {

    private final Projects projects;
    private final Profiles profiles;
    private final HashSigning signing;
    private final AuditLog audit;
    private final SigningGate gate;

    SigningController(Projects projects, Profiles profiles, HashSigning signing, AuditLog audit, SigningGate gate) {
        this.projects = projects;
        this.profiles = profiles;
        this.signing = signing;
        this.audit = audit;
        this.gate = gate;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.PROFILE_CREATE)
    @Transactional
    ProfileView create(@PathVariable String project, @RequestBody ProfileRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        SigningProfile profile = profiles.create(projects.get(project), request.name(), request.key(),
                request.allowedAlgorithms(), request.authorizationLevel());
        audit.record(AuditAction.PROFILE_CREATE, Outcome.SUCCESS, project, "profile '" + profile.name() + "' key '"
                + profile.keyName() + "' algorithms " + profile.allowedAlgorithms() + " authorization level "
                + profile.authorizationLevel());
        return profile.view();
    }

    @GetMapping
    @Audited(AuditAction.PROFILE_READ)
    List<ProfileView> list(@PathVariable String project) {
        Access.requireVisible(project);
        return profiles.list(projects.get(project)).stream().map(SigningProfile::view).toList();
    }

    @GetMapping("/{profile}")
    @Audited(AuditAction.PROFILE_READ)
    ProfileView get(@PathVariable String project, @PathVariable String profile) {
        Access.requireVisible(project);
        return profiles.get(projects.get(project), profile).view();
    }

    /** Transactions are HashSigning's: with a SAD, the token signs outside any transaction. */
    @PostMapping("/{profile}/sign")
    @Audited(AuditAction.SIGN)
    SignHashResponse sign(@PathVariable String project, @PathVariable String profile,
                          @RequestBody SignHashRequest request) {
        Access.requireSigner(project);
        return gate.around(project, profile, request, window -> signing.sign(project, profile, request, window));
    }
}
