package io.inkan.cli;

import io.inkan.client.InkanClient;
import io.inkan.client.InkanClientConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI takes from its surroundings: environment variables, the home directory and standard
 * input. Passed in rather than read from globals so tests can run commands in-process against a temp
 * directory without touching the real environment or the user's config.
 *
 * <p>{@code INKAN_SERVER}, {@code INKAN_TOKEN} and {@code INKAN_CA} override the config file value by
 * value (for CI), and {@code INKAN_CONFIG} moves the file itself. Instead of a token,
 * {@code INKAN_CLIENT_CERTIFICATE} names a PKCS#12 client certificate whose password comes from
 * {@code INKAN_CLIENT_CERTIFICATE_PASSWORD} or the file named by {@code INKAN_CLIENT_CERTIFICATE_PASSWORD_FILE}.
 */
public record CliEnvironment(Map<String, String> variables, Path home, InputStream stdin) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The real process environment. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), System.in);
    }

    Path configFile() {
        String override = variable("INKAN_CONFIG");
        return override != null ? Path.of(override) : home.resolve(".config").resolve("inkan").resolve("config.json");
    }

    /** A client for the configured server, or a {@link CliException} saying how to configure one. */
    public InkanClient client() {
        String server = variable("INKAN_SERVER");
        String token = variable("INKAN_TOKEN");
        String ca = variable("INKAN_CA");
        String certificate = variable("INKAN_CLIENT_CERTIFICATE");
        String password = variable("INKAN_CLIENT_CERTIFICATE_PASSWORD");
        String passwordFile = variable("INKAN_CLIENT_CERTIFICATE_PASSWORD_FILE");
        if (server == null || (token == null && certificate == null) || ca == null) {
            CliConfig saved = ConfigFile.read(configFile());
            server = server != null ? server : saved.server();
            if (token == null && certificate == null) {
                token = saved.token();
                certificate = saved.clientCertificate();
                passwordFile = saved.clientCertificatePasswordFile();
            }
            ca = ca != null ? ca : saved.ca();
        }
        if (server == null || (token == null && certificate == null)) {
            throw new CliException(ExitCodes.AUTH, "not logged in",
                    "run 'inkan login' or set INKAN_SERVER and INKAN_TOKEN (or INKAN_CLIENT_CERTIFICATE)");
        }
        if (certificate != null && password == null) {
            password = passwordFile == null ? null : readPassword(Path.of(passwordFile));
        }
        return client(server, token, ca == null ? null : Path.of(ca),
                certificate == null ? null : Path.of(certificate), password);
    }

    /** A client for explicit settings; configuration mistakes become usage errors. */
    static InkanClient client(String server, String token, Path ca, Path certificate, String password) {
        try {
            return InkanClient.connect(new InkanClientConfig(new URI(server), token, ca, certificate, password));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "invalid configuration", e.getMessage());
        }
    }

    /** The first line of a password file. */
    static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "unreadable password file", file.toString());
        }
    }

    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
