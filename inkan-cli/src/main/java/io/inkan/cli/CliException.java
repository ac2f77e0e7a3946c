package io.inkan.cli;

/**
 * A failure the CLI detects itself (bad input, missing login, unsupported combination), carrying the exit
 * code and the two parts of the {@code inkan: <title>: <detail>} message.
 */
public class CliException extends RuntimeException {

    private final int exitCode;
    private final String title;
    private final String detail;

    public CliException(int exitCode, String title, String detail) {
        super(title + ": " + detail);
        this.exitCode = exitCode;
        this.title = title;
        this.detail = detail;
    }

    public int exitCode() {
        return exitCode;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }
}
