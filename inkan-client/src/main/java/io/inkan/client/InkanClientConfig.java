package io.inkan.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the server is, how to authenticate, and which certificate to trust. Validated on construction so
 * that a token can never be sent in clear text over a network: plain {@code http} is accepted only for
 * loopback addresses (local tests and sidecar setups).
 *
 * @param server           base URL, e.g. {@code https://signing.example:8443}
 * @param token            API token sent as a bearer token; never printed, see {@link #toString()}
 * @param caCertificatePem PEM file with the certificate(s) to trust; {@code null} for the JDK trust store
 */
public record InkanClientConfig(URI server, String token, Path caCertificatePem) {

    public InkanClientConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(token, "token");
        if (server.getHost() == null) {
            throw new IllegalArgumentException("server URL needs a host: " + server);
        }
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            requireLoopback(server);
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("server URL must start with https://: " + server);
        }
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the API token is empty or contains characters an HTTP header cannot carry");
        }
    }

    private static void requireLoopback(URI server) {
        try {
            for (InetAddress address : InetAddress.getAllByName(server.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("plain http is allowed only for loopback addresses: " + server);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("plain http is allowed only for loopback addresses: " + server, e);
        }
    }

    /** Shows everything but the token, so configs can be logged safely. */
    @Override
    public String toString() {
        return "InkanClientConfig[server=" + server + ", token=<redacted>, caCertificatePem=" + caCertificatePem + "]";
    }
}
