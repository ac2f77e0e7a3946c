package io.inkan.server.ca;

import io.inkan.core.api.CertificateChainRequest;
import io.inkan.core.api.CsrRequest;
import io.inkan.core.api.CsrView;
import io.inkan.core.api.IssueCertificateRequest;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.RevokeCertificateRequest;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.Role;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Projects;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A key's certificates, managed by its project's custodians: a CSR for an outside CA, the import of the
 * chain that CA returns, or a certificate from the private CA, and its revocation.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/keys/{key}")
class KeyCertificateController {

    private final Projects projects;
    private final Keys keys;
    private final CertificateRequests requests;
    private final ChainImport chainImport;
    private final Issuance issuance;
    private final AuditLog audit;

    KeyCertificateController(Projects projects, Keys keys, CertificateRequests requests, ChainImport chainImport,
                             Issuance issuance, AuditLog audit) {
        this.projects = projects;
        this.keys = keys;
        this.requests = requests;
        this.chainImport = chainImport;
        this.issuance = issuance;
        this.audit = audit;
    }

    @PostMapping("/csr")
    @Audited(AuditAction.KEY_CSR)
    CsrView csr(@PathVariable String project, @PathVariable String key, @RequestBody(required = false) CsrRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        SigningKey signingKey = custodiansKey(project, key);
        String pem = requests.create(signingKey, request);
        audit.record(AuditAction.KEY_CSR, Outcome.SUCCESS, project, "certificate request signed by key '" + key + "' ("
                + signingKey.handle() + ")");
        return new CsrView(project, key, pem);
    }

    @PostMapping("/certificate")
    @Audited(AuditAction.KEY_CERTIFICATE_IMPORT)
    @Transactional
    KeyView importChain(@PathVariable String project, @PathVariable String key,
                        @RequestBody CertificateChainRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        return Keys.view(chainImport.importChain(custodiansKey(project, key), request.chain()));
    }

    @PostMapping("/certificate/issue")
    @Audited(AuditAction.CA_ISSUE)
    @Transactional
    KeyView issue(@PathVariable String project, @PathVariable String key, @RequestBody IssueCertificateRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        return Keys.view(issuance.issueCodeSigningCertificate(custodiansKey(project, key), request.authority(),
                request.validityDays()));
    }

    @PostMapping("/certificate/revoke")
    @Audited(AuditAction.CA_REVOKE)
    @Transactional
    KeyView revoke(@PathVariable String project, @PathVariable String key,
                   @RequestBody(required = false) RevokeCertificateRequest request) {
        Access.requireRole(project, Role.CUSTODIAN);
        SigningKey signingKey = keys.get(projects.get(project), key);
        issuance.revoke(signingKey, request == null ? null : request.reason());
        return Keys.view(keys.byId(signingKey.id()));
    }

    private SigningKey custodiansKey(String project, String key) {
        SigningKey signingKey = keys.get(projects.get(project), key);
        if (signingKey.state() != KeyState.ACTIVE) {
            throw new Refusal(Problem.KEY_NOT_ACTIVE,
                    "Key '" + key + "' is " + signingKey.state().name().toLowerCase());
        }
        return signingKey;
    }
}
