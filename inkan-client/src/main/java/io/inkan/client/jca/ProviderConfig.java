package io.inkan.client.jca;

import io.inkan.client.InkanClientConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The provider's settings, taken from the argument tools pass to {@link java.security.Provider#configure}
 * ({@code -providerArg} for jarsigner and keytool) and, for anything it leaves out, from the environment.
 * Tools show and log their arguments, so the token itself is never accepted inline: it comes from a file
 * or an environment variable.
 *
 * <p>The argument is either the path of a properties file or, starting with {@code --}, the properties
 * inline, separated by commas or newlines: {@code --server=https://sign:8443,token-file=/run/t,ca=/etc/ca.pem}.
 *
 * @param server    {@code server}, else {@code INKAN_SERVER}
 * @param tokenFile {@code token-file}, else {@code INKAN_TOKEN_FILE}; wins over {@code tokenEnv}
 * @param tokenEnv  {@code token-env}: the variable holding the token, default {@code INKAN_TOKEN}
 * @param ca        {@code ca}: PEM file to trust, else {@code INKAN_CA}; none means the JDK trust store
 * @param project   {@code project}: whose profiles to offer; none means the only project the credential can see
 */
record ProviderConfig(String server, Path tokenFile, String tokenEnv, Path ca, String project) {

    private static final Set<String> KEYS = Set.of("server", "token-file", "token-env", "ca", "project");

    /** Parses a provider argument ({@code null} for none), filling gaps from {@code environment}. */
    static ProviderConfig parse(String argument, Map<String, String> environment) {
        Properties properties = new Properties();
        if (argument != null && !argument.isBlank()) {
            try (Reader reader = reader(argument.strip())) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read Inkan provider configuration " + argument + ": " + e, e);
            }
        }
        for (String name : properties.stringPropertyNames()) {
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown Inkan provider setting '" + name + "'; known: " + KEYS);
            }
        }
        String server = value(properties, "server", environment, "INKAN_SERVER");
        String tokenFile = value(properties, "token-file", environment, "INKAN_TOKEN_FILE");
        String tokenEnv = value(properties, "token-env", Map.of(), null);
        String ca = value(properties, "ca", environment, "INKAN_CA");
        return new ProviderConfig(server, tokenFile == null ? null : Path.of(tokenFile),
                tokenEnv == null ? "INKAN_TOKEN" : tokenEnv, ca == null ? null : Path.of(ca),
                value(properties, "project", Map.of(), null));
    }

    /** The client configuration; reads the token now so that a rotated token file is picked up. */
    InkanClientConfig clientConfig(Map<String, String> environment) {
        if (server == null) {
            throw new IllegalStateException("Inkan provider is not configured: set server=... in its argument "
                    + "(-providerArg) or INKAN_SERVER");
        }
        String token;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Inkan token file " + tokenFile, e);
            }
        } else {
            token = environment.get(tokenEnv);
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("no Inkan token: set token-file=... or the environment variable " + tokenEnv);
            }
            token = token.strip();
        }
        return new InkanClientConfig(URI.create(server), token, ca);
    }

    private static Reader reader(String argument) throws IOException {
        if (argument.startsWith("--")) {
            return new StringReader(argument.substring(2).replace(',', '\n'));
        }
        return Files.newBufferedReader(Path.of(argument), StandardCharsets.UTF_8);
    }

    private static String value(Properties properties, String key, Map<String, String> environment, String variable) {
        String value = properties.getProperty(key);
        if (value == null && variable != null) {
            value = environment.get(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
