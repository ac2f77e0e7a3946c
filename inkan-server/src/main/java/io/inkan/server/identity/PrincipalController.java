package io.inkan.server.identity;

import io.inkan.core.api.CertificateRequest;
import io.inkan.core.api.PrincipalRequest;
import io.inkan.core.api.PrincipalView;
import io.inkan.core.api.RoleBindingRequest;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
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

/** Administrators' management of principals, their role bindings and their client certificates. */
@RestController
@RequestMapping("/api/v1/principals")
class PrincipalController {

    private final Principals principals;
    private final AuditLog audit;

    PrincipalController(Principals principals, AuditLog audit) {
        this.principals = principals;
        this.audit = audit;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.PRINCIPAL_CREATE)
    @Transactional
    PrincipalView create(@RequestBody PrincipalRequest request) {
        Access.requireAdmin();
        PrincipalView created = principals.create(request.name(), request.kind());
        audit.record(AuditAction.PRINCIPAL_CREATE, Outcome.SUCCESS, null,
                "principal '" + created.name() + "' (" + created.kind() + ") created");
        return created;
    }

    @GetMapping
    @Audited(AuditAction.PRINCIPAL_READ)
    List<PrincipalView> list() {
        Access.requireAdmin();
        return principals.list();
    }

    @GetMapping("/{name}")
    @Audited(AuditAction.PRINCIPAL_READ)
    PrincipalView get(@PathVariable String name) {
        Access.requireAdmin();
        return principals.view(name);
    }

    @PostMapping("/{name}/roles")
    @Audited(AuditAction.ROLE_BIND)
    @Transactional
    PrincipalView bind(@PathVariable String name, @RequestBody RoleBindingRequest request) {
        InkanPrincipal grantor = Access.requireAdmin();
        RoleBinding binding = principals.bind(name, request.role(), request.project(), grantor.id());
        audit.record(AuditAction.ROLE_BIND, Outcome.SUCCESS, binding.project(),
                "principal '" + name + "' granted " + binding.describe());
        return principals.view(name);
    }

    /** Withdraws a binding; a POST with a body, because DELETE bodies are not reliably carried. */
    @PostMapping("/{name}/roles/remove")
    @Audited(AuditAction.ROLE_UNBIND)
    @Transactional
    PrincipalView unbind(@PathVariable String name, @RequestBody RoleBindingRequest request) {
        Access.requireAdmin();
        RoleBinding binding = principals.unbind(name, request.role(), request.project());
        audit.record(AuditAction.ROLE_UNBIND, Outcome.SUCCESS, binding.project(),
                "principal '" + name + "' lost " + binding.describe());
        return principals.view(name);
    }

    @PostMapping("/{name}/certificates")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.CERTIFICATE_ADD)
    @Transactional
    PrincipalView addCertificate(@PathVariable String name, @RequestBody CertificateRequest request) {
        Access.requireAdmin();
        String id = principals.addCertificate(name, request.certificate());
        audit.record(AuditAction.CERTIFICATE_ADD, Outcome.SUCCESS, null,
                "certificate " + id + " identifies principal '" + name + "'");
        return principals.view(name);
    }
}
