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
 * <p>The client authenticates with an API token, a client certificate (mutual TLS), or both; at least
 * one is required.
 *
 * @param server                    base URL, e.g. {@code https://signing.example:8443}
 * @param token                     API token sent as a bearer token, or {@code null}; never printed, see
 *                                  {@link #toString()}
 * @param caCertificatePem          PEM file with the certificate(s) to trust; {@code null} for the JDK trust store
 * @param clientCertificate         PKCS#12 file with the client certificate and its key, or {@code null}
 * @param clientCertificatePassword the PKCS#12 file's password; never printed
 */
public record InkanClientConfig(URI server, String token, Path caCertificatePem, Path clientCertificate,
                                String clientCertificatePassword) {

    /** Token authentication only. */
    public InkanClientConfig(URI server, String token, Path caCertificatePem) {
        this(server, Objects.requireNonNull(token, "token"), caCertificatePem, null, null);
    }

    public InkanClientConfig {
        Objects.requireNonNull(server, "server");
        if (token == null && clientCertificate == null) {
            throw new IllegalArgumentException("an API token or a client certificate is required");
        }
        if (clientCertificate != null && clientCertificatePassword == null) {
            throw new IllegalArgumentException("the client certificate file needs its password");
        }
        if (server.getHost() == null) {
            throw new IllegalArgumentException("server URL needs a host: " + server);
        }
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            requireLoopback(server);
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("server URL must start with https://: " + server);
        }
        if (token != null && (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
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

    /** Shows everything but the token and the password, so configs can be logged safely. */
    @Override
    public String toString() {
        return "InkanClientConfig[server=" + server + ", token=" + (token == null ? "none" : "<redacted>")
                + ", caCertificatePem=" + caCertificatePem + ", clientCertificate=" + clientCertificate + "]";
    }
}
