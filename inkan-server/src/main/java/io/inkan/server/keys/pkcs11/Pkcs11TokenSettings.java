package io.inkan.server.keys.pkcs11;

/**
 * How to reach one PKCS#11 token (configured under {@code inkan.tokens.pkcs11[n]}).
 *
 * @param name       the token's name in Inkan's API and configuration
 * @param library    path of the vendor's PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokenLabel selects the slot whose token carries this label (preferred: slot ids can move)
 * @param slot       selects the slot by id when no label is given
 * @param pin        the user PIN inline (tests only; prefer {@code pinFile} or {@code pinEnv})
 * @param pinFile    a file holding the user PIN
 * @param pinEnv     an environment variable holding the user PIN
 */
public record Pkcs11TokenSettings(String name, String library, String tokenLabel, Long slot, String pin,
                                  String pinFile, String pinEnv) {
}
