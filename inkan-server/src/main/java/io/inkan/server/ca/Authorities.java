package io.inkan.server.ca;

import io.inkan.core.api.AuthorityRequest;
import io.inkan.core.api.AuthorityView;
import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.KeyActivations;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.sam.ProjectKeySigning;
import io.inkan.server.sam.ServicePurpose;
import org.bouncycastle.asn1.x500.X500Name;
import org.springframework.stereotype.Service;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The authorities of the private CA (K9): self-signed roots and the intermediates they certify, each
 * backed by a key of the CA project. A root's key must require M-of-N activation, so creating a root or
 * an intermediate (the only things a root signs, besides CRLs) is a ceremony of several custodians.
 * The hierarchy is two levels deep: intermediates certify keys, never further CAs.
 */
@Service
public class Authorities {

    static final int MAX_AUTHORITY_DAYS = 100 * 365;

    private final AuthorityRepository repository;
    private final Keys keys;
    private final KeyActivations activations;
    private final ProjectKeySigning signing;
    private final Crls crls;
    private final CrlLocations crlLocations;
    private final AuditLog audit;
    private final SecureRandom random;
    private final InkanProperties.Ca settings;
    private final Clock clock;

    Authorities(AuthorityRepository repository, Keys keys, KeyActivations activations, ProjectKeySigning signing,
                Crls crls, CrlLocations crlLocations, AuditLog audit, SecureRandom random, InkanProperties properties,
                Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.activations = activations;
        this.signing = signing;
        this.crls = crls;
        this.crlLocations = crlLocations;
        this.audit = audit;
        this.random = random;
        this.settings = properties.ca();
        this.clock = clock;
    }

    /** Creates a root ({@code parent} null) or an intermediate; call inside a transaction. */
    public Authority create(Project caProject, AuthorityRequest request) {
        Names.require("Authority", request.name());
        X500Name subject = DistinguishedNames.parse(request.subject());
        int days = request.validityDays() == null ? settings.authorityValidityDays() : request.validityDays();
        if (days < 1 || days > MAX_AUTHORITY_DAYS) {
            throw new Refusal(Problem.INVALID_VALIDITY,
                    "validityDays of an authority must be between 1 and " + MAX_AUTHORITY_DAYS);
        }
        if (request.key() == null) {
            throw new Refusal(Problem.KEY_REQUIRED, "An authority needs a key of project '"
                    + caProject.name() + "'");
        }
        SigningKey key = keys.get(caProject, request.key());
        if (repository.find(request.name()).isPresent()) {
            throw new Refusal(Problem.ALREADY_EXISTS,
                    "Authority '" + request.name() + "' already exists");
        }
        requireFreeCaKey(key);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        Instant requested = now.plus(Duration.ofDays(days));
        X509Certificate certificate;
        Long parentId;
        if (request.parent() == null) {
            requireRootActivationPolicy(key);
            certificate = CertificateProfile.ROOT.issue(signing.contentSigner(key, ServicePurpose.CA_CERTIFICATE), null,
                    subject, key.publicKey(), serial(), notBefore, requested, null);
            parentId = null;
        } else {
            Authority parent = get(request.parent());
            if (!parent.isRoot()) {
                throw new Refusal(Problem.AUTHORITY_CANNOT_ISSUE_AUTHORITIES,
                        "Intermediate '" + parent.name() + "' certifies keys only; intermediates are issued by a root");
            }
            // Without an explicit validity, an intermediate ends with its root rather than being refused.
            Instant parentEnd = parent.certificate().getNotAfter().toInstant();
            Instant notAfter = request.validityDays() == null && requested.isAfter(parentEnd) ? parentEnd : requested;
            requireWithin(parent, notAfter);
            SigningKey parentKey = keys.byId(parent.keyId());
            certificate = CertificateProfile.INTERMEDIATE.issue(
                    signing.contentSigner(parentKey, ServicePurpose.CA_CERTIFICATE), parent.certificate(), subject,
                    key.publicKey(), serial(), max(notBefore, parent.certificate().getNotBefore().toInstant()),
                    notAfter, crlLocations.url(parent.name()));
            parentId = parent.id();
            repository.recordIssued(parent.id(), IssuedCertificate.Purpose.CA, key.id(), certificate, now);
        }
        long id = repository.insert(request.name(), key.id(), parentId, certificate, now);
        Authority authority = repository.findById(id).orElseThrow();
        String crl = crls.issue(authority);
        audit.record(AuditAction.CA_AUTHORITY_CREATE, Outcome.SUCCESS, caProject.name(), (parentId == null ? "root" : "intermediate")
                + " authority '" + authority.name() + "' " + certificate.getSubjectX500Principal().getName()
                + " serial " + certificate.getSerialNumber().toString(16) + " key '" + key.name() + "'"
                + (parentId == null ? "" : " issued by '" + request.parent() + "'") + ", valid until "
                + certificate.getNotAfter().toInstant() + "; " + crl);
        return authority;
    }

    /** The authority of that name, or a 404 problem. */
    public Authority get(String name) {
        return repository.find(name).orElseThrow(() -> Refusal.notFound("Authority", name));
    }

    public List<Authority> list() {
        return repository.all();
    }

    /** Whether {@code key} signs for an authority: such a key never serves a signing profile. */
    public boolean isAuthorityKey(SigningKey key) {
        return repository.isAuthorityKey(key.id());
    }

    /** The authority's certificate followed by its issuers up to the root. */
    public List<X509Certificate> chain(Authority authority) {
        List<X509Certificate> chain = new ArrayList<>();
        Authority current = authority;
        while (true) {
            chain.add(current.certificate());
            if (current.isRoot()) {
                return chain;
            }
            current = repository.findById(current.parentId()).orElseThrow();
        }
    }

    /** The roots' certificates: trust anchors for imported chains. */
    public List<X509Certificate> rootCertificates() {
        return repository.all().stream().filter(Authority::isRoot).map(Authority::certificate).toList();
    }

    public AuthorityView view(Authority authority) {
        String parent = authority.isRoot() ? null : repository.findById(authority.parentId()).orElseThrow().name();
        return new AuthorityView(authority.name(), keys.byId(authority.keyId()).name(), parent,
                authority.certificate().getSubjectX500Principal().getName(),
                chain(authority).stream().map(Authorities::base64).toList(), crlLocations.url(authority.name()),
                authority.certificate().getNotAfter().toInstant());
    }

    /** Refuses a certificate that would outlive its issuer's. */
    static void requireWithin(Authority issuer, Instant notAfter) {
        if (notAfter.isAfter(issuer.certificate().getNotAfter().toInstant())) {
            throw new Refusal(Problem.VALIDITY_EXCEEDS_AUTHORITY,
                    "The certificate would outlive authority '" + issuer.name() + "', valid until "
                            + issuer.certificate().getNotAfter().toInstant());
        }
    }

    BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void requireFreeCaKey(SigningKey key) {
        if (key.state() != KeyState.ACTIVE) {
            throw new Refusal(Problem.KEY_NOT_ACTIVE,
                    "Key '" + key.name() + "' is " + key.state().name().toLowerCase() + " and cannot sign");
        }
        if (repository.isAuthorityKey(key.id())) {
            throw new Refusal(Problem.CA_KEY_IN_USE, "Key '" + key.name() + "' already serves an authority");
        }
        if (repository.servesProfile(key.id())) {
            throw new Refusal(Problem.CA_KEY_IN_USE,
                    "Key '" + key.name() + "' serves a signing profile; a CA key signs certificates and CRLs only");
        }
    }

    private void requireRootActivationPolicy(SigningKey key) {
        int required = activations.view(key).required();
        if (required < settings.rootMinCustodians()) {
            throw new Refusal(Problem.ROOT_NEEDS_ACTIVATION_POLICY,
                    "A root's key must require at least " + settings.rootMinCustodians()
                            + " custodians per activation; key '" + key.name() + "' requires " + required);
        }
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("stored certificate cannot be encoded", e);
        }
    }
}
