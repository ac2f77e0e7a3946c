package io.inkan.server.identity.mtls;

import io.inkan.server.InkanProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which client certificates the TLS layer accepts (A1): the internal client CA plus the configured
 * ones, written as one PEM bundle Tomcat loads as its trust store, and the configured CRLs, which the
 * TLS layer does not check on its own. A CRL must be signed by the trusted CA it names as issuer. CRL
 * files are read at start-up (a missing or invalid one stops the server) and re-read whenever they
 * change on disk, so publishing a new CRL takes effect without a restart.
 */
@Component
public class ClientCertificateTrust {

    private final ClientCertificateAuthority authority;
    private final Path bundle;
    private final List<Path> crlFiles;
    private final List<X509Certificate> trustedCas = new ArrayList<>();
    private final Map<Path, LoadedCrls> crls = new ConcurrentHashMap<>();

    ClientCertificateTrust(InkanProperties properties, SecureRandom random, Clock clock) {
        Path directory = properties.dataDir().resolve("client-ca");
        this.authority = ClientCertificateAuthority.open(directory, random, clock);
        this.crlFiles = properties.mtls().crlFiles();
        this.bundle = directory.resolve("trusted.pem");
        writeBundle(properties.mtls().trustedCas());
        crlFiles.forEach(this::load);
    }

    public ClientCertificateAuthority authority() {
        return authority;
    }

    /** The PEM file of every trusted client CA, for the TLS connector. */
    public Path trustBundle() {
        return bundle;
    }

    /** Whether a configured CRL of the certificate's issuer lists it. */
    public boolean revoked(X509Certificate certificate) {
        for (Path file : crlFiles) {
            for (X509CRL crl : load(file)) {
                if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()) && crl.isRevoked(certificate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<X509CRL> load(Path file) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            long size = Files.size(file);
            LoadedCrls cached = crls.get(file);
            if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
                return cached.crls();
            }
            List<X509CRL> loaded = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    loaded.add(verified((X509CRL) crl, file));
                }
            }
            crls.put(file, new LoadedCrls(modified, size, List.copyOf(loaded)));
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRL " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use CRL " + file + ": " + e.getMessage(), e);
        }
    }

    private X509CRL verified(X509CRL crl, Path file) throws GeneralSecurityException {
        for (X509Certificate ca : trustedCas) {
            if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                crl.verify(ca.getPublicKey());
                return crl;
            }
        }
        throw new GeneralSecurityException("CRL in " + file + " is not issued by a trusted client CA");
    }

    private void writeBundle(List<Path> configuredCas) {
        trustedCas.add(authority.certificate());
        StringBuilder pem = new StringBuilder(Pem.write(authority.certificate()));
        try {
            for (Path file : configuredCas) {
                for (X509Certificate ca : Pem.certificates(file)) {
                    trustedCas.add(ca);
                    pem.append(Pem.write(ca));
                }
            }
            Files.writeString(bundle, pem.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + bundle, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read a trusted client CA", e);
        }
    }

    private record LoadedCrls(Instant modified, long size, List<X509CRL> crls) {
    }
}
