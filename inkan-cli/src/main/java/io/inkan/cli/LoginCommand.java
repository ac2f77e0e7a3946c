package io.inkan.cli;

import io.inkan.client.InkanClient;
import io.inkan.core.api.PrincipalView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a credential with {@code whoami} before saving it, so a typo is caught at login rather than in
 * the middle of a release job. A token is read from stdin or a file, never from the command line, where
 * it would end up in shell history and process listings; a client certificate is remembered by path,
 * with the path of its password file, never the password itself.
 */
@Command(name = "login", description = "Check a token or client certificate against the server and save it for later commands.")
final class LoginCommand extends BaseCommand {

    @Option(names = "--server", required = true, paramLabel = "URL", description = "e.g. https://signing.example:8443")
    URI server;

    @ArgGroup(multiplicity = "1")
    Credential credential;

    @Option(names = "--ca", paramLabel = "PEM", description = "Certificate (PEM) to trust for this server; "
            + "default: the JDK trust store.")
    Path ca;

    static final class Credential {
        @Option(names = "--token-stdin", required = true, description = "Read the token from standard input.")
        boolean stdin;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "Read the token from FILE.")
        Path file;

        @ArgGroup(exclusive = false)
        ClientCertificate certificate;
    }

    static final class ClientCertificate {
        @Option(names = "--client-certificate", required = true, paramLabel = "P12",
                description = "Authenticate with this PKCS#12 client certificate (mutual TLS) instead of a token.")
        Path file;

        @Option(names = "--client-certificate-password-file", required = true, paramLabel = "FILE",
                description = "File holding the PKCS#12 password.")
        Path passwordFile;
    }

    @Override
    void run() throws IOException {
        Path trusted = ca == null ? null : ca.toAbsolutePath().normalize();
        CliConfig config;
        InkanClient client;
        if (credential.certificate != null) {
            Path certificate = credential.certificate.file.toAbsolutePath().normalize();
            Path passwordFile = credential.certificate.passwordFile.toAbsolutePath().normalize();
            client = CliEnvironment.client(server.toString(), null, trusted, certificate,
                    CliEnvironment.readPassword(passwordFile));
            config = new CliConfig(server.toString(), null, trusted == null ? null : trusted.toString(),
                    certificate.toString(), passwordFile.toString());
        } else {
            String token = readToken();
            client = CliEnvironment.client(server.toString(), token, trusted, null, null);
            config = new CliConfig(server.toString(), token, trusted == null ? null : trusted.toString());
        }
        PrincipalView me = client.whoami();
        Path configFile = environment().configFile();
        ConfigFile.write(configFile, config);
        out().printf("Logged in to %s as %s (%s)%n", server, me.name(), describe(me.roles()));
        err().printf("Saved to %s%n", configFile);
    }

    /** {@code signer of project app} for one binding, else the bindings as listed. */
    static String describe(List<String> roles) {
        if (roles.isEmpty()) {
            return "no roles";
        }
        if (roles.size() == 1 && roles.get(0).contains(":")) {
            String[] binding = roles.get(0).split(":", 2);
            return binding[1] + " of project " + binding[0];
        }
        return String.join(", ", roles);
    }

    private String readToken() throws IOException {
        byte[] raw = credential.file != null
                ? Files.readAllBytes(credential.file)
                : environment().stdin().readAllBytes();
        return new String(raw, StandardCharsets.UTF_8).strip();
    }
}
