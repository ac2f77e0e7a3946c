package io.inkan.server.keys.pkcs11;

import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Describes a failure for a {@link io.inkan.server.keys.TokenException} message. PKCS#11 errors are
 * reduced to their return-value name (e.g. {@code CKR_PIN_INCORRECT}) because that is what an operator
 * looks up, and because it can never contain a PIN or key bytes.
 */
final class Pkcs11Errors {

    private Pkcs11Errors() {
    }

    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PKCS11Exception pkcs11) {
                return pkcs11.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
