package io.inkan.server.keys;

import io.inkan.core.api.KeyImportRequest;
import io.inkan.core.api.KeyRequest;
import io.inkan.core.api.KeyView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
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
import java.util.Map;

/** Key generation and import (the project's key custodians) and key listing (anyone who can see the project). */
@RestController
@RequestMapping("/api/v1/projects/{project}/keys")
class KeyController {

    private final Projects projects;
    private final Keys keys;
    private final WrappedKeyImport keyImport;
    private final AuditLog audit;

    KeyController(Projects projects, Keys keys, WrappedKeyImport keyImport, AuditLog audit) {
        this.projects = projects;
        this.keys = keys;
        this.keyImport = keyImport;
        this.audit = audit;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.KEY_CREATE)
    @Transactional
    KeyView create(@PathVariable String project, @RequestBody KeyRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        SigningKey key = keys.create(projects.get(project), request.name(), request.algorithm(), request.token());
        audit.record(AuditAction.KEY_CREATE, Outcome.SUCCESS, project, "key '" + key.name() + "' " + key.algorithm()
                + " generated in token '" + key.tokenName() + "' (" + key.tokenKind() + "), handle " + key.handle());
        return Keys.view(key);
    }

    /**
     * Imports a key wrapped by the client under the token's import key (K4); the plaintext key and any
     * PKCS#12 password stay on the client.
     */
    @PostMapping("/import")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.KEY_IMPORT)
    @Transactional
    KeyView importKey(@PathVariable String project, @RequestBody KeyImportRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        SigningKey key = keyImport.importKey(projects.get(project), request);
        audit.record(AuditAction.KEY_IMPORT, Outcome.SUCCESS, project, "key '" + key.name() + "' " + key.algorithm()
                        + " imported into token '" + key.tokenName() + "' (" + key.tokenKind() + "), handle "
                        + key.handle() + ", fingerprint " + KeyFingerprint.hex(key.publicKey()),
                Map.of("key", key.name(), "algorithm", key.algorithm().name(), "token", key.tokenName(),
                        "keyHandle", key.handle(), "fingerprint", KeyFingerprint.hex(key.publicKey()),
                        "certificate", request.certificate() != null ? "given" : "self-signed in the token"));
        return Keys.view(key);
    }

    @GetMapping
    @Audited(AuditAction.KEY_READ)
    List<KeyView> list(@PathVariable String project) {
        Access.requireVisible(project);
        return keys.list(projects.get(project)).stream().map(Keys::view).toList();
    }

    @GetMapping("/{key}")
    @Audited(AuditAction.KEY_READ)
    KeyView get(@PathVariable String project, @PathVariable String key) {
        Access.requireVisible(project);
        Project owner = projects.get(project);
        return Keys.view(keys.get(owner, key));
    }
}
