package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real gpg on a private, temporary GNUPGHOME: imports keys and verifies detached signatures. */
final class Gpg {

    private final Path executable;
    private final Path home;

    Gpg(Path home) throws IOException {
        this.executable = ExternalTools.require("gpg");
        this.home = Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    Path home() {
        return home;
    }

    ExternalTools.Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--batch", "--no-tty"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", home.toString());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gpg timed out: " + command);
        }
        return new ExternalTools.Result(process.exitValue(), output);
    }
}
