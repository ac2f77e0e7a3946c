package io.inkan.server.ca;

import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.sam.ProjectKeySigning;
import io.inkan.server.sam.ServicePurpose;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

/**
 * The CRLs of the private CA's authorities. A CRL is signed when the authority is created, after every
 * revocation and when half of its validity has passed, and stored; verifiers fetch the stored one, so an
 * anonymous request never makes the token sign. CRL signing needs no M-of-N activation: a CRL only
 * withdraws trust, and a root CRL that waited for a ceremony would lapse and break every verifier.
 */
@Service
public class Crls {

    static final Map<String, Integer> REASONS = Map.of(
            "unspecified", CRLReason.unspecified,
            "keyCompromise", CRLReason.keyCompromise,
            "affiliationChanged", CRLReason.affiliationChanged,
            "superseded", CRLReason.superseded,
            "cessationOfOperation", CRLReason.cessationOfOperation);

    private final AuthorityRepository repository;
    private final Keys keys;
    private final ProjectKeySigning signing;
    private final AuditLog audit;
    private final Duration validity;
    private final String caProject;
    private final Clock clock;

    Crls(AuthorityRepository repository, Keys keys, ProjectKeySigning signing, AuditLog audit,
         InkanProperties properties, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.signing = signing;
        this.audit = audit;
        this.validity = properties.ca().crlValidity();
        this.caProject = properties.ca().project();
        this.clock = clock;
    }

    /**
     * Signs and stores a fresh CRL of {@code authority}; call inside a transaction whose audit record
     * includes the returned description.
     */
    String issue(Authority authority) {
        repository.lock(authority.id());
        long number = repository.crl(authority.id()).map(crl -> crl.number() + 1).orElse(1L);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(validity);
        X500Name issuer = X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded());
        X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(now));
        builder.setNextUpdate(Date.from(nextUpdate));
        int entries = 0;
        for (IssuedCertificate revoked : repository.revoked(authority.id())) {
            builder.addCRLEntry(revoked.serial(), Date.from(revoked.revokedAt()),
                    REASONS.getOrDefault(revoked.revocationReason(), CRLReason.unspecified));
            entries++;
        }
        try {
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(authority.certificate().getPublicKey()));
            SigningKey key = keys.byId(authority.keyId());
            byte[] der = builder.build(signing.contentSigner(key, ServicePurpose.CRL)).getEncoded();
            repository.storeCrl(authority.id(), number, now, nextUpdate, der);
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the CRL of authority " + authority.name(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL of authority " + authority.name(), e);
        }
        return "CRL " + number + " of authority '" + authority.name() + "' with " + entries
                + " revoked certificate(s), next update " + nextUpdate;
    }

    /** The stored DER CRL of the named authority, or a 404 problem. */
    public byte[] current(String authorityName) {
        Authority authority = repository.find(authorityName).orElseThrow(() -> Refusal.notFound("CRL", authorityName));
        return repository.crl(authority.id()).orElseThrow(() -> Refusal.notFound("CRL", authorityName)).der();
    }

    /** Re-signs every CRL that has passed half of its validity (or has none); returns how many. */
    @Transactional
    public int refreshDue() {
        Instant now = clock.instant();
        int refreshed = 0;
        for (Authority authority : repository.all()) {
            boolean due = repository.crl(authority.id())
                    .map(crl -> crl.nextUpdate().minus(validity.dividedBy(2)).isBefore(now))
                    .orElse(true);
            if (due) {
                audit.record(null, AuditAction.CA_CRL_ISSUE, Outcome.SUCCESS, caProject, issue(authority));
                refreshed++;
            }
        }
        return refreshed;
    }
}
