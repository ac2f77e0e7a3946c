package io.inkan.server.keys.pkcs11;

import io.inkan.server.keys.TokenException;

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
                throw new TokenException("environment variable " + settings.pinEnv() + " holding the PIN of token '"
                        + settings.name() + "' is not set");
            }
            return pin.toCharArray();
        }
        throw new TokenException("token '" + settings.name() + "' has no pin, pinFile or pinEnv");
    }

    private static char[] fromFile(Pkcs11TokenSettings settings) {
        String pin;
        try {
            pin = Files.readString(Path.of(settings.pinFile())).trim();
        } catch (IOException e) {
            throw new TokenException("cannot read the PIN file " + settings.pinFile() + " of token '"
                    + settings.name() + "': " + e.getClass().getSimpleName(), e);
        }
        if (pin.isEmpty()) {
            throw new TokenException("the PIN file " + settings.pinFile() + " of token '" + settings.name() + "' is empty");
        }
        return pin.toCharArray();
    }
}
