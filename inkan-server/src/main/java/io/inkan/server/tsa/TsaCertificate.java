package io.inkan.server.tsa;

import io.inkan.server.keys.KeyRef;
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
 * The certificate of the TSA key: RFC 3161 §2.3 demands exactly one extended key usage, timeStamping,
 * marked critical. Until a CA issues it, the key certifies itself (signed inside its token), and verifiers
 * trust it directly (it is published at {@code GET /tsa/certificate}).
 */
final class TsaCertificate {

    private static final Duration VALIDITY = Duration.ofDays(10 * 365);

    private TsaCertificate() {
    }

    /** The one place the TSA certificate is made, so a CA can take over issuing it. */
    static X509Certificate issue(ServiceSigning signing, KeyRef key, PublicKey publicKey, SecureRandom random,
                                 Instant now) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Inkan")
                .addRDN(BCStyle.CN, "Inkan Time-Stamping Authority")
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), subject, publicKey);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            ContentSigner contentSigner = signing.contentSigner(key, publicKey,
                    ServiceSigning.certificateAlgorithm(key.algorithm()), ServicePurpose.TSA_CERTIFICATE);
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot build the TSA certificate", e);
        }
    }
}
