package io.inkan.server.ca;

import io.inkan.server.testing.TestPki;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Certificates between the API's base64 DER, JDK objects and the PEM files openssl reads. */
final class Pems {

    private Pems() {
    }

    /** The certificates of a {@code certificateChain} array (base64 DER, leaf first). */
    static List<X509Certificate> chain(JsonNode certificateChain) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode element : certificateChain) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(element.asString()))));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return chain;
    }

    static String pem(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        certificates.forEach(certificate -> text.append(TestPki.pem(certificate)));
        return text.toString();
    }

    static Path write(Path file, List<X509Certificate> certificates) {
        return write(file, pem(certificates));
    }

    static Path write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
