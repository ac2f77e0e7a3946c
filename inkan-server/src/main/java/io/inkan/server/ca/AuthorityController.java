package io.inkan.server.ca;

import io.inkan.core.api.AuthorityRequest;
import io.inkan.core.api.AuthorityView;
import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
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

/**
 * The private CA's authorities. Creating one is work for the custodians of the CA project
 * ({@code inkan.ca.project}); reading them (public certificates) is open to every authenticated caller,
 * who needs them to verify what the CA issued.
 */
@RestController
@RequestMapping("/api/v1/ca/authorities")
class AuthorityController {

    private final Projects projects;
    private final Authorities authorities;
    private final String caProject;

    AuthorityController(Projects projects, Authorities authorities, InkanProperties properties) {
        this.projects = projects;
        this.authorities = authorities;
        this.caProject = properties.ca().project();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.CA_AUTHORITY_CREATE)
    @Transactional
    AuthorityView create(@RequestBody AuthorityRequest request) {
        Access.requireRole(caProject, Role.CUSTODIAN);
        return authorities.view(authorities.create(projects.get(caProject), request));
    }

    @GetMapping
    @Audited(AuditAction.CA_AUTHORITY_READ)
    List<AuthorityView> list() {
        Access.current();
        return authorities.list().stream().map(authorities::view).toList();
    }

    @GetMapping("/{authority}")
    @Audited(AuditAction.CA_AUTHORITY_READ)
    AuthorityView get(@PathVariable String authority) {
        Access.current();
        return authorities.view(authorities.get(authority));
    }
}
