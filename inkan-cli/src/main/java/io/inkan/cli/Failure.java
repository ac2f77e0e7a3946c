package io.inkan.cli;

import io.inkan.client.InkanApiException;
import io.inkan.client.InkanConnectionException;
import io.inkan.client.InkanException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * What the user sees when a command fails: one {@code inkan: <title>: <detail>} line on stderr and an exit
 * code from {@link ExitCodes}. Centralised so every command classifies errors the same way.
 *
 * @param detail {@code null} when the title says it all
 */
record Failure(int exitCode, String title, String detail) {

    static Failure of(Throwable error) {
        InkanException remote = remoteCause(error);
        if (remote != null && !(error instanceof CliException)) {
            error = remote;
        }
        if (error instanceof CliException e) {
            return new Failure(e.exitCode(), e.title(), e.detail());
        }
        if (error instanceof InkanApiException e) {
            return new Failure(ExitCodes.forHttpStatus(e.status()), e.title(), e.detail());
        }
        if (error instanceof InkanConnectionException e) {
            return new Failure(ExitCodes.UNREACHABLE, "connection failed", e.getMessage());
        }
        if (error instanceof InkanException e) {
            return new Failure(ExitCodes.FAILURE, "unexpected reply", e.getMessage());
        }
        if (error instanceof NoSuchFileException e) {
            return new Failure(ExitCodes.USAGE, "no such file", e.getFile());
        }
        if (error instanceof AccessDeniedException e) {
            return new Failure(ExitCodes.FAILURE, "permission denied", e.getFile());
        }
        if (error instanceof IOException e) {
            return new Failure(ExitCodes.FAILURE, "I/O error", e.getMessage());
        }
        if (error instanceof IllegalArgumentException e) {
            return new Failure(ExitCodes.USAGE, "invalid argument", e.getMessage());
        }
        return new Failure(ExitCodes.FAILURE, "internal error", error.toString());
    }

    /**
     * The server's answer inside a wrapper: format libraries (the JDK's jar signer, ...) wrap what the
     * Inkan provider throws, but the user needs the server's reason and its exit code.
     */
    private static InkanException remoteCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InkanException e) {
                return e;
            }
        }
        return null;
    }

    /** The stderr line. */
    String message() {
        return "inkan: " + title + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }
}
