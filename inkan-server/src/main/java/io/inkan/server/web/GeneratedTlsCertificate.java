package io.inkan.server.web;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The server's own TLS identity for first runs: an EC P-256 key and self-signed certificate for the
 * configured host names and the loopback addresses, written under {@code <data-dir>/tls} (key 0600) and
 * renewed when it nears expiry. Clients pin it by trusting {@code server.crt}.
 */
final class GeneratedTlsCertificate {

    private static final Duration VALIDITY = Duration.ofDays(397);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private GeneratedTlsCertificate() {
    }

    /** Makes sure a usable certificate and key exist in {@code directory}; returns {certificate, key}. */
    static Path[] ensure(Path directory, List<String> hostNames, SecureRandom random, Clock clock) {
        Path certificate = directory.resolve("server.crt");
        Path key = directory.resolve("server.key");
        try {
            if (Files.exists(certificate) && Files.exists(key) && !nearExpiry(certificate, clock.instant())) {
                return new Path[]{certificate, key};
            }
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate issued = issue(pair, hostNames, random, clock.instant());
            writeOwnerOnly(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
            Files.writeString(certificate, pem(issued), StandardCharsets.US_ASCII);
            return new Path[]{certificate, key};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TLS material under " + directory, e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the server's TLS certificate", e);
        }
    }

    private static boolean nearExpiry(Path certificate, Instant now) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate existing = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return existing.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE));
        }
    }

    private static X509Certificate issue(KeyPair pair, List<String> hostNames, SecureRandom random, Instant now)
            throws IOException, GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        String commonName = hostNames.isEmpty() ? "localhost" : hostNames.get(0);
        X500Name subject = new X500Name("CN=" + commonName + ",O=Inkan server");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        List<GeneralName> names = new ArrayList<>();
        hostNames.forEach(host -> names.add(new GeneralName(GeneralName.dNSName, host)));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static String pem(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value);
        }
        return out.toString();
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    static List<String> split(String hostNames) {
        return hostNames == null ? List.of() : Arrays.stream(hostNames.split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).toList();
    }
}
