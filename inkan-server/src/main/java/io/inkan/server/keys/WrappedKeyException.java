package io.inkan.server.keys;

/**
 * A wrapped key offered for import cannot be unwrapped: it was made for another import key, was altered
 * on the way, or holds another kind of key than announced. The caller's fault, not the token's, so it
 * becomes a 400 problem; the message names no key bytes.
 */
public class WrappedKeyException extends RuntimeException {

    public WrappedKeyException(String message) {
        super(message);
    }
}
