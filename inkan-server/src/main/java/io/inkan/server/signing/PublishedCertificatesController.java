package io.inkan.server.signing;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Projects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The certificates verifiers need for a profile (K7), without credentials: current and retired keys'
 * chains as one PEM bundle, so signatures made before a rotation keep verifying. Certificates are public
 * by nature (every signed artifact carries one); revoked and destroyed keys are left out.
 */
@RestController
class PublishedCertificatesController {

    private final Projects projects;
    private final KeySets keySets;

    PublishedCertificatesController(Projects projects, KeySets keySets) {
        this.projects = projects;
        this.keySets = keySets;
    }

    @GetMapping(value = "/published/projects/{project}/profiles/{profile}/certificates.pem",
            produces = "application/x-pem-file")
    @Audited(AuditAction.PROFILE_READ)
    String certificates(@PathVariable String project, @PathVariable String profile) {
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        for (SigningKey key : published(project, profile)) {
            certificates.addAll(key.certificateChain());
        }
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        for (X509Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("stored certificate cannot be encoded", e);
            }
        }
        return pem.toString();
    }

    /**
     * The keys published for the profile. An unknown project and an unknown profile get one and the same
     * 404, so anonymous callers cannot probe which project names exist.
     */
    private List<SigningKey> published(String project, String profile) {
        try {
            return keySets.published(projects.get(project), profile);
        } catch (Refusal refusal) {
            if (refusal.problem().category() == Problem.Category.NOT_FOUND) {
                throw new Refusal(Problem.NOT_FOUND, "Nothing is published at this path");
            }
            throw refusal;
        }
    }
}
