package io.inkan.cli;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Path;

/** Forgets the saved credential but keeps the server and CA, so the next login only needs a new one. */
@Command(name = "logout", description = "Remove the saved token or client certificate reference.")
final class LogoutCommand extends BaseCommand {

    @Override
    void run() throws IOException {
        Path file = environment().configFile();
        CliConfig saved = ConfigFile.read(file);
        if (!saved.loggedIn()) {
            out().println("Not logged in.");
            return;
        }
        ConfigFile.write(file, saved.withoutCredentials());
        out().printf("Logged out of %s%n", saved.server());
    }
}
