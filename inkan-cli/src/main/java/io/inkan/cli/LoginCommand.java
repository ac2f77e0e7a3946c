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

/**
 * Checks a token with {@code whoami} before saving it, so a typo is caught at login rather than in the
 * middle of a release job. The token is read from stdin or a file, never from the command line, where it
 * would end up in shell history and process listings.
 */
@Command(name = "login", description = "Check a token against the server and save it for later commands.")
final class LoginCommand extends BaseCommand {

    @Option(names = "--server", required = true, paramLabel = "URL", description = "e.g. https://signing.example:8443")
    URI server;

    @ArgGroup(multiplicity = "1")
    TokenSource tokenSource;

    @Option(names = "--ca", paramLabel = "PEM", description = "Certificate (PEM) to trust for this server; "
            + "default: the JDK trust store.")
    Path ca;

    static final class TokenSource {
        @Option(names = "--token-stdin", required = true, description = "Read the token from standard input.")
        boolean stdin;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "Read the token from FILE.")
        Path file;
    }

    @Override
    void run() throws IOException {
        String token = readToken();
        Path trusted = ca == null ? null : ca.toAbsolutePath().normalize();
        InkanClient client = CliEnvironment.client(server.toString(), token, trusted);
        PrincipalView me = client.whoami();
        Path configFile = environment().configFile();
        ConfigFile.write(configFile, new CliConfig(server.toString(), token, trusted == null ? null : trusted.toString()));
        out().printf("Logged in to %s as %s (%s)%n", server, me.name(),
                me.project() == null ? me.role() : me.role() + " of project " + me.project());
        err().printf("Saved to %s%n", configFile);
    }

    private String readToken() throws IOException {
        byte[] raw = tokenSource.file != null
                ? Files.readAllBytes(tokenSource.file)
                : environment().stdin().readAllBytes();
        return new String(raw, StandardCharsets.UTF_8).strip();
    }
}
