package io.inkan.client;

/**
 * Base of every failure the client reports, so callers can handle "the service did not do it" in one
 * place. Thrown directly when the server answered something the client cannot understand (a success
 * status with an unreadable body, or a reply that breaks the API contract).
 *
 * <p>Messages never contain the API token.
 */
public class InkanException extends RuntimeException {

    public InkanException(String message) {
        super(message);
    }

    public InkanException(String message, Throwable cause) {
        super(message, cause);
    }
}
