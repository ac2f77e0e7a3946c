package io.inkan.server.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * How a client certificate is identified (A1): its issuer's canonical distinguished name and its serial
 * number. Unlike the subject, this pair is unique per CA, so a re-issued certificate with the same
 * subject does not silently inherit the old one's roles.
 */
record CertificateId(String issuer, String serial) {

    static CertificateId of(X509Certificate certificate) {
        return new CertificateId(certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL),
                certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT));
    }

    static List<X509Certificate> parse(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    @Override
    public String toString() {
        return issuer + " #" + serial;
    }
}
