package io.inkan.server.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A throw-away certificate authority for client-certificate tests: issues client certificates into
 * PKCS#12 files and publishes CRLs, all under a test directory.
 */
public final class TestPki {

    public static final char[] PASSWORD = "test-password".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final KeyPair key;
    private final X509Certificate certificate;

    public TestPki(String name) {
        this.name = name;
        this.key = ecKey();
        X500Name subject = new X500Name("CN=" + name + ",O=Inkan tests");
        this.certificate = build(new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(), subject,
                key.getPublic()), true, key);
    }

    /** The CA certificate as a PEM file, e.g. for {@code inkan.mtls.trusted-cas}. */
    public Path writeCertificate(Path file) {
        write(file, pem(certificate));
        return file;
    }

    /** Issues a client certificate for {@code commonName}; returns it and writes its PKCS#12 to {@code p12}. */
    public X509Certificate issue(String commonName, Path p12) {
        KeyPair client = ecKey();
        X509Certificate issued = build(new JcaX509v3CertificateBuilder(new X500Name("CN=" + name + ",O=Inkan tests"),
                serial(), notBefore(), notAfter(), new X500Name("CN=" + commonName + ",O=Inkan tests"),
                client.getPublic()), false, key);
        try (OutputStream out = Files.newOutputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", client.getPrivate(), PASSWORD, new Certificate[]{issued, certificate});
            store.store(out, PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return issued;
    }

    /** Issues a code-signing certificate (EKU codeSigning) for someone else's public key, e.g. a token key. */
    public X509Certificate issueCodeSigning(String commonName, java.security.PublicKey publicKey) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name + ",O=Inkan tests"),
                    serial(), notBefore(), notAfter(), new X500Name("CN=" + commonName + ",O=Inkan tests"), publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a CRL listing {@code revoked}. */
    public void writeCrl(Path file, X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    new Date());
            builder.setNextUpdate(notAfter());
            for (X509Certificate each : revoked) {
                builder.addCRLEntry(each.getSerialNumber(), new Date(), CRLReason.keyCompromise);
            }
            write(file, pem(new JcaX509CRLConverter().getCRL(builder.build(signer(key)))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object value) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static X509Certificate build(JcaX509v3CertificateBuilder builder, boolean ca, KeyPair issuer) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (!ca) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(KeyPair issuer) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    }

    /** A fresh P-256 key pair made outside any token. */
    public static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(2)));
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
