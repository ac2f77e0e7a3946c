package io.inkan.server.ca;

import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.sam.ProjectKeySigning;
import io.inkan.server.sam.ServicePurpose;
import org.bouncycastle.asn1.x500.X500Name;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Certificates the private CA issues for keys (K9): code-signing certificates for profile keys and
 * time-stamping certificates for the TSA, and their revocation. Every issuance is recorded with the
 * authority, serial and key, so a CRL can later name exactly one key's certificates and leave the
 * certificates of the project's other keys valid.
 *
 * <p>Other components call this service directly (the TSA for its certificate, key sets for new keys);
 * its methods run in their own transaction when the caller has none and record their audit events.
 */
@Service
public class Issuance {

    /** Android expects app signing certificates valid for 25 years; nothing the CA issues lives longer. */
    public static final int MAX_VALIDITY_DAYS = 9131;

    private final Authorities authorities;
    private final AuthorityRepository repository;
    private final Keys keys;
    private final ProjectKeySigning signing;
    private final Crls crls;
    private final CrlLocations crlLocations;
    private final AuditLog audit;
    private final InkanProperties.Ca settings;
    private final Clock clock;

    Issuance(Authorities authorities, AuthorityRepository repository, Keys keys, ProjectKeySigning signing, Crls crls,
             CrlLocations crlLocations, AuditLog audit, InkanProperties properties, Clock clock) {
        this.authorities = authorities;
        this.repository = repository;
        this.keys = keys;
        this.signing = signing;
        this.crls = crls;
        this.crlLocations = crlLocations;
        this.audit = audit;
        this.settings = properties.ca();
        this.clock = clock;
    }

    /**
     * Issues a code-signing certificate (EKU codeSigning) for {@code key} from the named intermediate and
     * makes the chain (leaf, intermediate, root) the key's chain, returned with its signatures from now on.
     *
     * @param validityDays {@code null} for {@code inkan.ca.default-validity-days}; at most 25 years
     * @return the key with its new chain
     */
    @Transactional
    public SigningKey issueCodeSigningCertificate(SigningKey key, String authority, Integer validityDays) {
        return issueFor(key, authority, validityDays, CertificateProfile.CODE_SIGNING,
                IssuedCertificate.Purpose.CODE_SIGNING);
    }

    /**
     * Issues a time-stamping certificate (critical EKU timeStamping, RFC 3161) for an Inkan key, e.g. the
     * TSA's, and attaches the chain to the key.
     */
    @Transactional
    public SigningKey issueTimeStampingCertificate(SigningKey key, String authority, Integer validityDays) {
        return issueFor(key, authority, validityDays, CertificateProfile.TIME_STAMPING,
                IssuedCertificate.Purpose.TIME_STAMPING);
    }

    /**
     * Issues a time-stamping certificate for a public key Inkan does not manage as a key (the caller keeps
     * the private half in a token of its own).
     *
     * @return the chain, leaf first, up to and including the root
     */
    @Transactional
    public List<X509Certificate> issueTimeStampingCertificate(PublicKey publicKey, X500Name subject, String authority,
                                                              Integer validityDays) {
        Issued issued = issue(authority, subject, publicKey, null, validityDays, CertificateProfile.TIME_STAMPING,
                IssuedCertificate.Purpose.TIME_STAMPING);
        audit.record(AuditAction.CA_ISSUE, Outcome.SUCCESS, settings.project(), describe(issued, "public key"));
        return issued.chain();
    }

    /**
     * Revokes every certificate the CA issued for {@code key} (code signing and time stamping) and re-signs
     * the CRLs concerned. Other keys' certificates stay valid.
     *
     * @param reason an RFC 5280 reason name, {@code null} for unspecified
     * @return how many certificates were revoked
     */
    @Transactional
    public int revoke(SigningKey key, String reason) {
        String reasonName = reason == null ? "unspecified" : reason;
        if (!Crls.REASONS.containsKey(reasonName)) {
            throw new Refusal(Problem.INVALID_REASON,
                    "reason must be one of " + Crls.REASONS.keySet());
        }
        List<IssuedCertificate> certificates = new ArrayList<>(repository.unrevoked(key.id(),
                IssuedCertificate.Purpose.CODE_SIGNING));
        certificates.addAll(repository.unrevoked(key.id(), IssuedCertificate.Purpose.TIME_STAMPING));
        if (certificates.isEmpty()) {
            throw new Refusal(Problem.NO_ISSUED_CERTIFICATE,
                    "The private CA has issued no unrevoked certificate for key '" + key.name() + "'");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Set<Long> authorityIds = new LinkedHashSet<>();
        for (IssuedCertificate certificate : certificates) {
            repository.revoke(certificate, reasonName, now);
            authorityIds.add(certificate.authorityId());
        }
        List<String> newCrls = authorityIds.stream().map(id -> crls.issue(repository.findById(id).orElseThrow())).toList();
        audit.record(AuditAction.CA_REVOKE, Outcome.SUCCESS, key.project(), "revoked " + certificates.size()
                + " certificate(s) of key '" + key.name() + "' (" + reasonName + "), serials "
                + certificates.stream().map(c -> c.serial().toString(16)).toList() + "; " + String.join("; ", newCrls));
        return certificates.size();
    }

    private SigningKey issueFor(SigningKey key, String authority, Integer validityDays, CertificateProfile profile,
                                IssuedCertificate.Purpose purpose) {
        if (key.state() != KeyState.ACTIVE) {
            throw new Refusal(Problem.KEY_NOT_ACTIVE,
                    "Key '" + key.name() + "' is " + key.state().name().toLowerCase() + " and cannot be certified");
        }
        if (authorities.isAuthorityKey(key)) {
            throw new Refusal(Problem.CA_KEY_IN_USE,
                    "Key '" + key.name() + "' serves an authority and gets no end-entity certificate");
        }
        X500Name subject = DistinguishedNames.forKey(settings.organisation(), key.project(), key.name());
        Issued issued = issue(authority, subject, key.publicKey(), key.id(), validityDays, profile, purpose);
        SigningKey updated = keys.attachChain(key, issued.chain(), "ISSUED");
        audit.record(AuditAction.CA_ISSUE, Outcome.SUCCESS, key.project(), describe(issued, "key '" + key.name() + "'"));
        return updated;
    }

    private Issued issue(String authorityName, X500Name subject, PublicKey publicKey, Long keyId, Integer validityDays,
                         CertificateProfile profile, IssuedCertificate.Purpose purpose) {
        int days = validityDays == null ? settings.defaultValidityDays() : validityDays;
        if (days < 1) {
            throw new Refusal(Problem.INVALID_VALIDITY, "validityDays must be at least 1");
        }
        if (days > MAX_VALIDITY_DAYS) {
            throw new Refusal(Problem.VALIDITY_TOO_LONG, "validityDays is at most "
                    + MAX_VALIDITY_DAYS + " (25 years, the span Android expects); " + days + " was asked");
        }
        if (authorityName == null) {
            throw new Refusal(Problem.AUTHORITY_REQUIRED, "Name the issuing authority");
        }
        Authority authority = authorities.get(authorityName);
        if (authority.isRoot()) {
            throw new Refusal(Problem.ROOT_ISSUES_AUTHORITIES_ONLY,
                    "Root '" + authority.name() + "' certifies intermediates only; ask one of its intermediates");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(Duration.ofDays(days));
        Authorities.requireWithin(authority, notAfter);
        SigningKey authorityKey = keys.byId(authority.keyId());
        X509Certificate certificate = profile.issue(signing.contentSigner(authorityKey, ServicePurpose.CA_CERTIFICATE),
                authority.certificate(), subject, publicKey, authorities.serial(),
                Authorities.max(now.minus(Duration.ofMinutes(5)), authority.certificate().getNotBefore().toInstant()),
                notAfter, crlLocations.url(authority.name()));
        repository.recordIssued(authority.id(), purpose, keyId, certificate, now);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(authorities.chain(authority));
        return new Issued(authority, certificate, chain, purpose);
    }

    private static String describe(Issued issued, String holder) {
        return issued.purpose() + " certificate " + issued.certificate().getSubjectX500Principal().getName() + " serial "
                + issued.certificate().getSerialNumber().toString(16) + " for " + holder + " by authority '"
                + issued.authority().name() + "', valid until " + issued.certificate().getNotAfter().toInstant();
    }

    private record Issued(Authority authority, X509Certificate certificate, List<X509Certificate> chain,
                          IssuedCertificate.Purpose purpose) {
    }
}
