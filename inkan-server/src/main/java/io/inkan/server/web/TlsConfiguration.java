package io.inkan.server.web;

import io.inkan.server.InkanProperties;
import io.inkan.server.identity.mtls.ClientCertificateTrust;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Serves HTTPS only, TLS 1.3 and 1.2 with AEAD cipher suites only (AES-GCM and ChaCha20-Poly1305; in
 * TLS 1.2 only with ECDHE, for forward secrecy), in the server's order of preference rather than the
 * client's, so a client cannot steer the handshake to its weakest common suite. Uses the operator's certificate when one is configured, else
 * one generated under the data directory, so the one-command start is already encrypted. Asks for
 * client certificates (mutual TLS) from the trusted client CAs.
 */
@Component
class TlsConfiguration implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> {

    private static final Logger LOG = LoggerFactory.getLogger(TlsConfiguration.class);

    /** Strongest first: the server's preference. */
    static final String[] CIPHER_SUITES = {
            "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"};

    private final InkanProperties properties;
    private final SecureRandom random;
    private final ClientCertificateTrust clientTrust;
    private final Clock clock;

    TlsConfiguration(InkanProperties properties, SecureRandom random, ClientCertificateTrust clientTrust, Clock clock) {
        this.properties = properties;
        this.random = random;
        this.clientTrust = clientTrust;
        this.clock = clock;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        InkanProperties.Tls tls = properties.tls();
        Path certificate = tls.certificate();
        Path key = tls.privateKey();
        if (certificate == null || key == null) {
            Path[] generated = GeneratedTlsCertificate.ensure(properties.dataDir().resolve("tls"),
                    GeneratedTlsCertificate.split(tls.hostNames()), random, clock);
            certificate = generated[0];
            key = generated[1];
            LOG.info("Serving the generated TLS certificate {} (clients trust it with --ca)", certificate.toAbsolutePath());
        }
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setCertificate(certificate.toAbsolutePath().toUri().toString());
        ssl.setCertificatePrivateKey(key.toAbsolutePath().toUri().toString());
        ssl.setEnabledProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
        ssl.setCiphers(CIPHER_SUITES);
        // "want": a client certificate is asked for and, when sent, must chain to a trusted client CA;
        // clients without one (CI with API tokens) still connect.
        ssl.setClientAuth(Ssl.ClientAuth.WANT);
        ssl.setTrustCertificate(clientTrust.trustBundle().toAbsolutePath().toUri().toString());
        factory.setSsl(ssl);
        if (factory instanceof TomcatServletWebServerFactory tomcat) {
            tomcat.addConnectorCustomizers(connector -> {
                for (SSLHostConfig host : connector.findSslHostConfigs()) {
                    host.setHonorCipherOrder(true);
                }
            });
        }
    }
}
