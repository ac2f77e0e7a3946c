package io.inkan.cli;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;

/** Forgets the saved token but keeps the server and CA, so the next login only needs a new token. */
@Command(name = "logout", description = "Remove the saved token.")
final class LogoutCommand extends BaseCommand {

    @Override
    void run() throws IOException {
        Path file = environment().configFile();
        CliConfig saved = ConfigFile.read(file);
        if (saved.token() == null) {
            out().println("Not logged in.");
            return;
        }
        ConfigFile.write(file, saved.withoutToken());
        out().printf("Logged out of %s%n", saved.server());
    }
}
