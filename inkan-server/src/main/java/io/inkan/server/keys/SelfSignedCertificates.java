package io.inkan.server.keys;

import io.inkan.server.sam.ServicePurpose;
import io.inkan.server.sam.ServiceSigning;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Gives every new key a self-signed code-signing certificate, signed inside its token. Verifiers and
 * tools that want a certificate chain (jarsigner, the JCA provider) then work before any CA is involved;
 * a CA-issued chain replaces it later.
 */
final class SelfSignedCertificates {

    private static final Duration VALIDITY = Duration.ofDays(3 * 365);

    private SelfSignedCertificates() {
    }

    static X509Certificate issue(ServiceSigning signing, KeyRef key, PublicKey publicKey, String project, String name,
                                 SecureRandom random, Instant now) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Inkan")
                .addRDN(BCStyle.OU, project)
                .addRDN(BCStyle.CN, name)
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
            ContentSigner contentSigner = signing.contentSigner(key, publicKey,
                    ServiceSigning.certificateAlgorithm(key.algorithm()), ServicePurpose.SELF_SIGNED_CERTIFICATE);
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (CertIOException | CertificateException e) {
            throw new TokenException("cannot build the self-signed certificate of key " + key.handle(), e);
        }
    }
}
