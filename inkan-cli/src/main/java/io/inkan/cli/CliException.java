package io.inkan.cli;

/**
 * A failure the CLI detects itself (bad input, missing login, unsupported combination), carrying the exit
 * code and the two parts of the {@code inkan: <title>: <detail>} message.
 */
class CliException extends RuntimeException {

    private final int exitCode;
    private final String title;
    private final String detail;

    CliException(int exitCode, String title, String detail) {
        super(title + ": " + detail);
        this.exitCode = exitCode;
        this.title = title;
        this.detail = detail;
    }

    int exitCode() {
        return exitCode;
    }

    String title() {
        return title;
    }

    String detail() {
        return detail;
    }
}
