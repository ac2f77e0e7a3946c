package io.inkan.server.ca;

import io.inkan.server.InkanProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where verifiers fetch an authority's CRL: written into every certificate the authority issues, so it
 * must be a URL they can reach. Operators set {@code inkan.ca.crl-base-url} (typically a plain-HTTP
 * name in front of this server, since Windows does not fetch CRLs over HTTPS); without it, this server's
 * plain-HTTP CRL port ({@code inkan.ca.crl-http-port}) if configured, else its HTTPS port.
 */
@Component
class CrlLocations {

    private final String configured;
    private final int httpPort;
    private final String hostName;
    private final Environment environment;

    CrlLocations(InkanProperties properties, Environment environment) {
        this.configured = properties.ca().crlBaseUrl();
        this.httpPort = properties.ca().crlHttpPort();
        String hosts = properties.tls() == null || properties.tls().hostNames() == null ? "" : properties.tls().hostNames();
        String first = hosts.split(",")[0].trim();
        this.hostName = first.isEmpty() ? "localhost" : first;
        this.environment = environment;
    }

    String url(String authorityName) {
        return base() + "/crl/" + authorityName + ".crl";
    }

    private String base() {
        if (configured != null) {
            return configured;
        }
        if (httpPort > 0) {
            return "http://" + hostName + ":" + httpPort;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8443"));
        return "https://" + hostName + ":" + port;
    }
}
