package io.inkan.client;

/**
 * The server could not be reached or its identity could not be established (DNS, refused connection,
 * timeout, TLS handshake or certificate failure). Kept apart from {@link InkanApiException} because the
 * remedy differs: nothing was decided by the server, so retrying or fixing the network/CA is the answer.
 */
public class InkanConnectionException extends InkanException {

    public InkanConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
