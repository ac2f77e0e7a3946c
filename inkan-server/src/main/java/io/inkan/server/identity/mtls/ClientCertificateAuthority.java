package io.inkan.server.identity.mtls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The internal client CA (A1): an EC P-256 key and self-signed CA certificate under
 * {@code <data-dir>/client-ca}, the key file owner-only like the server's TLS key. It lets a fresh
 * installation hand its first administrator a client certificate without any outside PKI; operators
 * with their own CA add it to {@code inkan.mtls.trusted-cas} instead.
 */
public final class ClientCertificateAuthority {

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration CLIENT_VALIDITY = Duration.ofDays(397);
    private static final int PASSWORD_BYTES = 18;

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final SecureRandom random;
    private final Clock clock;

    private ClientCertificateAuthority(X509Certificate certificate, PrivateKey key, SecureRandom random, Clock clock) {
        this.certificate = certificate;
        this.key = key;
        this.random = random;
        this.clock = clock;
    }

    /** Loads the CA from {@code directory}, generating it on first use. */
    public static ClientCertificateAuthority open(Path directory, SecureRandom random, Clock clock) {
        Path certificateFile = directory.resolve("ca.crt");
        Path keyFile = directory.resolve("ca.key");
        try {
            if (Files.exists(certificateFile) && Files.exists(keyFile)) {
                return new ClientCertificateAuthority(Pem.certificates(certificateFile).get(0), readKey(keyFile), random,
                        clock);
            }
            KeyPair pair = ecKeyPair(random);
            X500Name subject = new X500Name("CN=Inkan internal client CA,O=Inkan");
            Instant now = clock.instant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(builder, pair.getPrivate());
            Pem.writeOwnerOnly(keyFile, Pem.write(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
            Files.writeString(certificateFile, Pem.write(ca), StandardCharsets.US_ASCII);
            return new ClientCertificateAuthority(ca, pair.getPrivate(), random, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the client CA under " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the client CA under " + directory, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a client certificate for {@code commonName} and writes it with its new key as a PKCS#12
     * file (0600) protected by a fresh random password, which is returned and stored nowhere.
     */
    public IssuedCredential issue(String commonName, Path pkcs12File) {
        try {
            KeyPair pair = ecKeyPair(random);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName)
                    .addRDN(BCStyle.O, "Inkan").build();
            Instant now = clock.instant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new JcaX509CertificateHolder(certificate).getSubject(), new BigInteger(127, random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CLIENT_VALIDITY)), subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate issued = sign(builder, key);
            byte[] secret = new byte[PASSWORD_BYTES];
            random.nextBytes(secret);
            char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("inkan", pair.getPrivate(), password, new Certificate[]{issued, certificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            Pem.writeOwnerOnly(pkcs12File, out.toByteArray());
            return new IssuedCredential(issued, pkcs12File, new String(password));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pkcs12File, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a client certificate", e);
        }
    }

    /** A freshly issued client certificate, where its PKCS#12 file is, and that file's one-time password. */
    public record IssuedCredential(X509Certificate certificate, Path pkcs12File, String password) {
    }

    private static KeyPair ecKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
    }
}
