package io.inkan.server.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external tools tests check against (openssl, softhsm2-util, pkcs11-tool...). A missing tool
 * skips the test on a developer machine but fails it under CI ({@code CI} set), so CI proves every
 * check ran. {@code scripts/install-test-tools.sh} installs them all.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** Returns the tool's path, or aborts (locally) / fails (CI) when it is not installed. */
    public static Path require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = tool + " is not installed; run scripts/install-test-tools.sh";
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI must run every check)");
        }
        Assumptions.abort(message);
        return null;
    }

    /** Runs a command, returning exit code and combined output; fails after 120 s. */
    public static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Exit code and output of a finished command. */
    public record Result(int exitCode, String output) {
    }
}
