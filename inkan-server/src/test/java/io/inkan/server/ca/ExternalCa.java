package io.inkan.server.ca;

import io.inkan.server.testing.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/** A commercial CA stand-in: a software root that certifies any public key with chosen purpose and dates. */
final class ExternalCa {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair key = TestPki.ecKey();
    private final X509Certificate certificate;

    ExternalCa(String name) {
        X500Name subject = new X500Name("CN=" + name + ",O=External CA");
        certificate = build(subject, subject, key.getPublic(), true, null, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(10L * 365 * 86400));
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A leaf for {@code publicKey} with the given purpose (null: none) and validity. */
    X509Certificate issue(PublicKey publicKey, KeyPurposeId purpose, Instant notBefore, Instant notAfter) {
        return build(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=Imported,O=Customer"), publicKey, false, purpose, notBefore, notAfter);
    }

    static PublicKey randomPublicKey() {
        return TestPki.ecKey().getPublic();
    }

    private X509Certificate build(X500Name issuer, X500Name subject, PublicKey publicKey, boolean ca,
                                  KeyPurposeId purpose, Instant notBefore, Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter), subject,
                    publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
