package io.inkan.server.ca;

import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Attaches a certificate chain obtained from a CA to a key (K5), after checking what a verifier would:
 * the leaf certifies this very key, is valid now, is for code signing, and the chain validates (PKIX)
 * to a configured trust anchor or to a root of the private CA. Each failure has its own problem type and
 * stores nothing. Revocation is not checked here: the import is an offline operation, and verifiers
 * check revocation when they verify signatures.
 */
@Service
public class ChainImport {

    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

    private final Keys keys;
    private final Authorities authorities;
    private final AuditLog audit;
    private final List<X509Certificate> configuredAnchors;
    private final Clock clock;

    ChainImport(Keys keys, Authorities authorities, AuditLog audit, InkanProperties properties, Clock clock) {
        this.keys = keys;
        this.authorities = authorities;
        this.audit = audit;
        this.configuredAnchors = properties.ca().trustAnchors().stream().flatMap(file -> read(file).stream()).toList();
        this.clock = clock;
    }

    /** Validates {@code pem} (leaf first) and makes it the key's chain; call inside a transaction. */
    public SigningKey importChain(SigningKey key, String pem) {
        List<X509Certificate> presented = parse(pem);
        X509Certificate leaf = presented.get(0);
        if (!Keys.certifies(leaf, key)) {
            throw new Refusal(Problem.CERTIFICATE_KEY_MISMATCH,
                    "The first certificate certifies another public key than key '" + key.name() + "'");
        }
        Instant now = clock.instant();
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            throw new Refusal(Problem.CERTIFICATE_EXPIRED,
                    "The certificate expired at " + leaf.getNotAfter().toInstant());
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            throw new Refusal(Problem.CERTIFICATE_NOT_YET_VALID,
                    "The certificate is valid from " + leaf.getNotBefore().toInstant());
        }
        requireCodeSigning(leaf);
        List<X509Certificate> chain = validate(presented, now);
        SigningKey updated = keys.attachChain(key, chain, "IMPORTED");
        audit.record(AuditAction.KEY_CERTIFICATE_IMPORT, Outcome.SUCCESS, key.project(), "key '" + key.name()
                + "' now certified by " + leaf.getIssuerX500Principal().getName() + " serial "
                + leaf.getSerialNumber().toString(16) + " (" + leaf.getSubjectX500Principal().getName()
                + "), chain of " + chain.size() + ", valid until " + leaf.getNotAfter().toInstant());
        return updated;
    }

    private static void requireCodeSigning(X509Certificate leaf) {
        List<String> purposes;
        try {
            purposes = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            purposes = null;
        }
        boolean[] usage = leaf.getKeyUsage();
        if (purposes == null || !purposes.contains(CODE_SIGNING)) {
            throw new Refusal(Problem.CERTIFICATE_NOT_CODE_SIGNING,
                    "The certificate's extended key usage does not include codeSigning (1.3.6.1.5.5.7.3.3)");
        }
        if (usage != null && !usage[0]) {
            throw new Refusal(Problem.CERTIFICATE_NOT_CODE_SIGNING,
                    "The certificate's key usage does not include digitalSignature");
        }
    }

    /** PKIX validation; returns the chain leaf first, ending with the trust anchor's certificate. */
    private List<X509Certificate> validate(List<X509Certificate> presented, Instant now) {
        Set<TrustAnchor> anchors = new HashSet<>();
        List<X509Certificate> anchorCertificates = new ArrayList<>(configuredAnchors);
        anchorCertificates.addAll(authorities.rootCertificates());
        anchorCertificates.forEach(certificate -> anchors.add(new TrustAnchor(certificate, null)));
        if (anchors.isEmpty()) {
            throw untrusted("no trust anchor is configured (inkan.ca.trust-anchors) and the private CA has no root");
        }
        List<X509Certificate> path = new ArrayList<>(presented);
        while (path.size() > 1 && anchorCertificates.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(certPath, parameters);
            List<X509Certificate> chain = new ArrayList<>(path);
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            if (!chain.contains(anchor)) {
                chain.add(anchor);
            }
            return chain;
        } catch (CertPathValidatorException e) {
            throw untrusted(e.getMessage());
        } catch (InvalidAlgorithmParameterException | CertificateException e) {
            throw untrusted("the certificates do not form a chain");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation is unavailable", e);
        }
    }

    private static Refusal untrusted(String reason) {
        return new Refusal(Problem.CERTIFICATE_UNTRUSTED,
                "The chain does not validate to a trust anchor: " + reason);
    }

    private static List<X509Certificate> parse(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw invalidChain();
        }
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty() || certificates.size() > 10) {
                throw invalidChain();
            }
            return certificates;
        } catch (CertificateException e) {
            throw invalidChain();
        }
    }

    private static Refusal invalidChain() {
        return new Refusal(Problem.INVALID_CERTIFICATE_CHAIN,
                "chain must hold 1 to 10 PEM X.509 certificates, the key's own first");
    }

    private static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust anchor file " + file, e);
        } catch (CertificateException e) {
            throw new IllegalStateException("trust anchor file " + file + " holds no valid PEM certificate", e);
        }
    }
}
