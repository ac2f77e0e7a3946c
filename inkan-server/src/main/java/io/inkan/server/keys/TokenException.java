package io.inkan.server.keys;

/**
 * A token failed or does not know a key. Messages name the token and handle but never carry key bytes,
 * PINs or other secrets, so they are safe to log and to return.
 */
public class TokenException extends RuntimeException {

    public TokenException(String message) {
        super(message);
    }

    public TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
