package io.inkan.server.signing;

import io.inkan.core.api.KeySetView;
import io.inkan.core.api.RotateRequest;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
import io.inkan.server.keys.KeyFingerprint;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A profile's key set (K7): listed, with public keys and certificates, to the project's principals;
 * rotated by its key custodians.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/profiles/{profile}")
class KeySetController {

    private final Projects projects;
    private final KeySets keySets;
    private final AuditLog audit;

    KeySetController(Projects projects, KeySets keySets, AuditLog audit) {
        this.projects = projects;
        this.keySets = keySets;
        this.audit = audit;
    }

    @GetMapping("/keys")
    @Audited(AuditAction.PROFILE_READ)
    KeySetView keys(@PathVariable String project, @PathVariable String profile) {
        Access.requireVisible(project);
        return keySets.view(projects.get(project), profile);
    }

    @PostMapping("/rotate")
    @Audited(AuditAction.PROFILE_ROTATE)
    @Transactional
    KeySetView rotate(@PathVariable String project, @PathVariable String profile, @RequestBody RotateRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        Project owner = projects.get(project);
        KeySets.Rotation rotation = keySets.rotate(owner, profile, request.key());
        audit.record(AuditAction.PROFILE_ROTATE, Outcome.SUCCESS, project, "profile '" + profile + "' rotated from key '"
                        + rotation.previous().name() + "' to key '" + rotation.current().name() + "'; '"
                        + rotation.previous().name() + "' stays published",
                Map.of("profile", profile,
                        "previousKey", rotation.previous().name(),
                        "previousFingerprint", KeyFingerprint.hex(rotation.previous().publicKey()),
                        "currentKey", rotation.current().name(),
                        "currentFingerprint", KeyFingerprint.hex(rotation.current().publicKey())));
        return keySets.view(owner, profile);
    }
}
