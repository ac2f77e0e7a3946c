package io.inkan.client;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * TLS settings for the client. The server generates a self-signed certificate at first start, so clients
 * pin trust to that PEM file instead of disabling verification; without a file the JDK's trust store
 * applies (for servers behind a publicly trusted certificate).
 */
final class TrustedCertificates {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TrustedCertificates() {
    }

    /**
     * A context trusting only the certificates in {@code pem} (the JDK defaults when it is {@code null})
     * and presenting the client certificate in {@code pkcs12} when one is given.
     */
    static SSLContext sslContext(Path pem, Path pkcs12, String password) {
        KeyManager[] keyManagers = pkcs12 == null ? null : keyManagers(pkcs12, password);
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(pem == null ? null : keyStore(pem));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use CA certificate file " + pem + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Path pkcs12, String password) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password.toCharArray());
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use client certificate file " + pkcs12
                    + " (wrong password or not PKCS#12)", e);
        }
    }

    /** Restricts the handshake to TLS 1.3 and 1.2. */
    static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS.clone());
        return parameters;
    }

    private static KeyStore keyStore(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate found");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + index++, certificate);
        }
        return store;
    }
}
