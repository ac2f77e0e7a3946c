package io.inkan.server.identity;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.ldap.DirectoryRoles;
import io.inkan.server.identity.mtls.ClientCertificateTrust;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the client certificate the TLS layer already verified against the trusted client CAs
 * (A1). A request that also carries an {@code Authorization} header was decided by the token filter
 * before this one. Directory groups add roles to the stored ones (A7). A presented certificate that is
 * revoked or identifies nobody makes the request anonymous: public endpoints ({@code /tsa},
 * {@code /published}, health) answer it as they answer anyone, and every other endpoint refuses it with a
 * 401 that says nothing about why; the reason goes to the event log.
 */
final class ClientCertificateFilter extends OncePerRequestFilter {

    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final String REFUSAL = ClientCertificateFilter.class.getName() + ".refusal";

    private final Principals principals;
    private final DirectoryRoles directory;
    private final ClientCertificateTrust trust;
    private final ASN1ObjectIdentifier subjectField;
    private final AuditLog audit;
    private final ProblemResponses problems;

    ClientCertificateFilter(Principals principals, DirectoryRoles directory, ClientCertificateTrust trust,
                            String subjectField, AuditLog audit, ProblemResponses problems) {
        this.principals = principals;
        this.directory = directory;
        this.trust = trust;
        this.subjectField = subjectField == null || subjectField.isBlank() ? null
                : BCStyle.INSTANCE.attrNameToOID(subjectField.trim());
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Decided by the token filter first: asking for the certificate makes Tomcat gather every TLS
        // attribute of the connection, at a thrown exception when there is no client certificate.
        if (SecurityContextHolder.getContext().getAuthentication() != null
                || !(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chainPresented)
                || chainPresented.length == 0) {
            chain.doFilter(request, response);
            return;
        }
        X509Certificate certificate = chainPresented[0];
        String refusal = null;
        Optional<InkanPrincipal> principal = Optional.empty();
        if (trust.revoked(certificate)) {
            refusal = "revoked client certificate " + CertificateId.of(certificate);
        } else {
            try {
                principal = principals.byCertificate(certificate).or(() -> bySubject(certificate));
            } catch (Refusal refused) {
                // e.g. a role binding that fails its integrity check (M7): refuse with the precise problem
                ProblemDetail problem = ProblemResponses.problem(refused);
                audit.record(null, AuditAction.AUTHENTICATE, Outcome.FAILED, null,
                        ProblemResponses.describe(request, problem, null));
                problems.write(response, problem);
                return;
            }
            if (principal.isEmpty()) {
                refusal = "client certificate identifies no principal: " + CertificateId.of(certificate);
            }
        }
        if (refusal != null) {
            // Public stays public: the request goes on anonymously, so a public endpoint answers as it does
            // without a certificate, and any other meets the entry point, which refuses it with this reason.
            request.setAttribute(REFUSAL, refusal);
            chain.doFilter(request, response);
            return;
        }
        InkanPrincipal authenticated = withDirectoryRoles(principal.get());
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(authenticated,
                null, TokenAuthenticationFilter.authorities(authenticated)));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * The stored bindings plus those the directory's groups grant the principal's name, except signing
     * duties of an administrator (administrators cannot sign), which are withheld and recorded.
     */
    private InkanPrincipal withDirectoryRoles(InkanPrincipal principal) {
        List<RoleBinding> fromDirectory = directory.bindingsOf(principal.name());
        if (fromDirectory.isEmpty()) {
            return principal;
        }
        List<RoleBinding> all = new ArrayList<>(principal.bindings());
        fromDirectory.stream().filter(binding -> !all.contains(binding)).forEach(all::add);
        InkanPrincipal combined = new InkanPrincipal(principal.id(), principal.name(), principal.kind(), all);
        List<String> withheld = all.stream().filter(binding -> !combined.bindings().contains(binding))
                .map(RoleBinding::describe).toList();
        if (!withheld.isEmpty()) {
            audit.record(principal.name() + " (" + principal.id() + ")", AuditAction.AUTHENTICATE, Outcome.DENIED, null,
                    "directory roles " + withheld + " withheld from an administrator: administrators cannot sign");
        }
        return combined;
    }

    /**
     * Why the request's client certificate was not accepted (revoked, or identifying nobody), for the
     * record of a refused request; "no credential" when it presented none.
     */
    static String refusal(HttpServletRequest request) {
        return request.getAttribute(REFUSAL) instanceof String reason ? reason : "no credential";
    }

    private Optional<InkanPrincipal> bySubject(X509Certificate certificate) {
        if (subjectField == null) {
            return Optional.empty();
        }
        RDN[] values = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(subjectField);
        if (values.length != 1) {
            return Optional.empty();
        }
        return principals.byName(IETFUtils.valueToString(values[0].getFirst().getValue()));
    }
}
