package io.inkan.server.keys.pkcs11;

import sun.security.pkcs11.wrapper.PKCS11Exception;

import java.util.List;

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

    /** Return values that blame the token, the session or the host rather than the data (by name prefix). */
    private static final List<String> TOKEN_FAILURES = List.of("CKR_HOST_MEMORY", "CKR_DEVICE_", "CKR_SESSION_",
            "CKR_TOKEN_", "CKR_USER_NOT_LOGGED_IN", "CKR_FUNCTION_FAILED", "CKR_CRYPTOKI_", "CKR_MECHANISM_INVALID");

    /**
     * Whether a failure lies with the token or the session (device, memory, login, session state) rather
     * than with the data the caller handed in. The JDK's wrapper names the return value in the message.
     */
    static boolean isTokenFailure(PKCS11Exception failure) {
        String name = String.valueOf(failure.getMessage());
        return TOKEN_FAILURES.stream().anyMatch(name::startsWith);
    }
}
