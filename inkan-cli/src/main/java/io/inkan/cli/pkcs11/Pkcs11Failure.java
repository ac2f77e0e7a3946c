package io.inkan.cli.pkcs11;

/**
 * A call that fails with a PKCS#11 return value. The message is for the agent's log only: PKCS#11 has no
 * way to hand text to the tool, so this is where a user learns why a signature was refused.
 */
public final class Pkcs11Failure extends RuntimeException {

    private final long rv;

    Pkcs11Failure(long rv, String message) {
        super(message);
        this.rv = rv;
    }

    long rv() {
        return rv;
    }
}
