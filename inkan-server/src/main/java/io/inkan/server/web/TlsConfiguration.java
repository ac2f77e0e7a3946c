package io.inkan.server.web;

import io.inkan.server.InkanProperties;
import io.inkan.server.identity.mtls.ClientCertificateTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Serves HTTPS only, TLS 1.3 and 1.2. Uses the operator's certificate when one is configured, else
 * one generated under the data directory, so the one-command start is already encrypted. Asks for
 * client certificates (mutual TLS) from the trusted client CAs.
 */
@Component
class TlsConfiguration implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> {

    private static final Logger LOG = LoggerFactory.getLogger(TlsConfiguration.class);

    private final InkanProperties properties;
    private final SecureRandom random;
    private final ClientCertificateTrust clientTrust;

    TlsConfiguration(InkanProperties properties, SecureRandom random, ClientCertificateTrust clientTrust) {
        this.properties = properties;
        this.random = random;
        this.clientTrust = clientTrust;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        InkanProperties.Tls tls = properties.tls();
        Path certificate = tls.certificate();
        Path key = tls.privateKey();
        if (certificate == null || key == null) {
            Path[] generated = GeneratedTlsCertificate.ensure(properties.dataDir().resolve("tls"),
                    GeneratedTlsCertificate.split(tls.hostNames()), random);
            certificate = generated[0];
            key = generated[1];
            LOG.info("Serving the generated TLS certificate {} (clients trust it with --ca)", certificate.toAbsolutePath());
        }
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setCertificate(certificate.toAbsolutePath().toUri().toString());
        ssl.setCertificatePrivateKey(key.toAbsolutePath().toUri().toString());
        ssl.setEnabledProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
        // "want": a client certificate is asked for and, when sent, must chain to a trusted client CA;
        // clients without one (CI with API tokens) still connect.
        ssl.setClientAuth(Ssl.ClientAuth.WANT);
        ssl.setTrustCertificate(clientTrust.trustBundle().toAbsolutePath().toUri().toString());
        factory.setSsl(ssl);
    }
}
