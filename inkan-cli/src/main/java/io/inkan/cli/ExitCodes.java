package io.inkan.cli;

/**
 * The exit statuses scripts can rely on. They are part of the CLI's contract (see {@code docs/cli.md}):
 * a CI job can tell "fix your credentials" from "the server is down" without parsing messages.
 */
final class ExitCodes {

    static final int OK = 0;
    /** Anything not covered below, including server errors (5xx) and unexpected replies. */
    static final int FAILURE = 1;
    /** Bad command line; also picocli's own code for parse errors. */
    static final int USAGE = 2;
    /** Not logged in, or the server refused the token (401/403). */
    static final int AUTH = 3;
    /** The project, key, profile or token does not exist (404). */
    static final int NOT_FOUND = 4;
    /** The server refused the request (any other 4xx: bad digest, too large, rate limited...). */
    static final int REFUSED = 5;
    /** The server could not be reached, or TLS failed. */
    static final int UNREACHABLE = 6;
    /**
     * The audit log could not be checked against a saved checkpoint or a receipt, which is neither "intact"
     * nor "tampered": no checkpoint covers the record yet (try again later), or the evidence is of another
     * log than the server keeps. Distinct from {@link #FAILURE}, which {@code inkan audit} uses for tampered,
     * so a cron job can retry this one and raise the alarm on that one.
     */
    static final int UNVERIFIED = 7;

    private ExitCodes() {
    }

    /** Exit code for an HTTP error status from the server. */
    static int forHttpStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status >= 400 && status < 500) {
            return REFUSED;
        }
        return FAILURE;
    }
}
