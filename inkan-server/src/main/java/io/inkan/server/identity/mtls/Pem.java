package io.inkan.server.identity.mtls;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** PEM in and out for certificates and keys, and owner-only files for secrets. */
final class Pem {

    private Pem() {
    }

    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Every certificate in a PEM (or DER) file or string. */
    static List<X509Certificate> certificates(byte[] encoded) throws GeneralSecurityException {
        try (InputStream in = new ByteArrayInputStream(encoded)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<X509Certificate> certificates(Path file) throws GeneralSecurityException {
        try {
            return certificates(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificates from " + file, e);
        }
    }

    static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        writeOwnerOnly(file, content.getBytes(StandardCharsets.US_ASCII));
    }
}
