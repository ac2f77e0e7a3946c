package io.inkan.cli.pkcs11;

/**
 * A request that does not follow p11-kit's wire format. The agent drops the connection on it, as p11-kit's
 * own server does: after a framing error nothing later on the stream can be trusted.
 */
final class RpcFormatException extends RuntimeException {

    RpcFormatException(String message) {
        super(message);
    }
}
