package io.inkan.cli;

import io.inkan.client.InkanClient;
import io.inkan.client.InkanClientConfig;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI takes from its surroundings: environment variables, the home directory and standard
 * input. Passed in rather than read from globals so tests can run commands in-process against a temp
 * directory without touching the real environment or the user's config.
 *
 * <p>{@code INKAN_SERVER}, {@code INKAN_TOKEN} and {@code INKAN_CA} override the config file value by
 * value (for CI), and {@code INKAN_CONFIG} moves the file itself.
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
    InkanClient client() {
        String server = variable("INKAN_SERVER");
        String token = variable("INKAN_TOKEN");
        String ca = variable("INKAN_CA");
        if (server == null || token == null || ca == null) {
            CliConfig saved = ConfigFile.read(configFile());
            server = server != null ? server : saved.server();
            token = token != null ? token : saved.token();
            ca = ca != null ? ca : saved.ca();
        }
        if (server == null || token == null) {
            throw new CliException(ExitCodes.AUTH, "not logged in",
                    "run 'inkan login' or set INKAN_SERVER and INKAN_TOKEN");
        }
        return client(server, token, ca == null ? null : Path.of(ca));
    }

    /** A client for explicit settings; configuration mistakes become usage errors. */
    static InkanClient client(String server, String token, Path ca) {
        try {
            return new InkanClient(new InkanClientConfig(new URI(server), token, ca));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "invalid configuration", e.getMessage());
        }
    }

    private String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
