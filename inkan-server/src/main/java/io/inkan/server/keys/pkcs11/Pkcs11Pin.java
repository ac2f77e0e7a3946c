package io.inkan.server.keys.pkcs11;

import io.inkan.server.keys.TokenSettingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a token's user PIN: inline ({@code pin}, for tests), else from a file ({@code pinFile}, trimmed so a
 * trailing newline does not matter), else from an environment variable ({@code pinEnv}). The PIN comes back
 * as a char array so the caller can wipe it once logged in; messages name where the PIN was looked for,
 * never the PIN.
 */
final class Pkcs11Pin {

    private Pkcs11Pin() {
    }

    static char[] resolve(Pkcs11TokenSettings settings) {
        if (settings.pin() != null) {
            return settings.pin().toCharArray();
        }
        if (settings.pinFile() != null) {
            return fromFile(settings);
        }
        if (settings.pinEnv() != null) {
            String pin = System.getenv(settings.pinEnv());
            if (pin == null) {
                throw new TokenSettingException("inkan.tokens.pkcs11[].pin-env", "environment variable "
                        + settings.pinEnv() + " holding the PIN of token '" + settings.name() + "' is not set",
                        "Set " + settings.pinEnv() + " to the token's user PIN in the server's environment, or give "
                                + "the PIN in a file named by inkan.tokens.pkcs11[].pin-file.");
            }
            return pin.toCharArray();
        }
        throw new TokenSettingException("inkan.tokens.pkcs11[].pin-file", "token '" + settings.name()
                + "' has no pin, pinFile or pinEnv", "Name a file holding the token's user PIN with "
                + "inkan.tokens.pkcs11[].pin-file, or an environment variable with inkan.tokens.pkcs11[].pin-env.");
    }

    private static char[] fromFile(Pkcs11TokenSettings settings) {
        String pin;
        try {
            pin = Files.readString(Path.of(settings.pinFile())).trim();
        } catch (IOException e) {
            throw new TokenSettingException("inkan.tokens.pkcs11[].pin-file", "cannot read the PIN file "
                    + settings.pinFile() + " of token '" + settings.name() + "': " + e.getClass().getSimpleName(),
                    "Create " + settings.pinFile() + " (readable by the server's user only) holding the token's "
                            + "user PIN, or correct inkan.tokens.pkcs11[].pin-file.", e);
        }
        if (pin.isEmpty()) {
            throw new TokenSettingException("inkan.tokens.pkcs11[].pin-file", "the PIN file " + settings.pinFile()
                    + " of token '" + settings.name() + "' is empty", "Write the token's user PIN into "
                    + settings.pinFile() + ".");
        }
        return pin.toCharArray();
    }
}
