package io.inkan.server.keys.pkcs11;

import io.inkan.server.keys.TokenException;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

/**
 * Logs the application in to a token with the JDK's SunPKCS11 provider, which handles the PIN the way the
 * JDK documents. The provider instance is configured for the one slot and never registered with
 * {@link Security#addProvider}, so no other code in the JVM picks it up by accident.
 *
 * <p>A PKCS#11 login belongs to the whole application rather than to a session, so after this the
 * wrapper sessions of {@link Pkcs11Sessions} can use the token's private keys.
 */
final class SunPkcs11Login {

    private SunPkcs11Login() {
    }

    static void logIn(Pkcs11TokenSettings settings, long slot) {
        Provider provider = configure(settings, slot);
        char[] pin = Pkcs11Pin.resolve(settings);
        try {
            KeyStore.getInstance("PKCS11", provider).load(null, pin);
        } catch (GeneralSecurityException | IOException e) {
            throw new TokenException("cannot log in to token '" + settings.name() + "': " + Pkcs11Errors.describe(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static Provider configure(Pkcs11TokenSettings settings, long slot) {
        Provider sunPkcs11 = Security.getProvider("SunPKCS11");
        if (sunPkcs11 == null) {
            throw new TokenException("this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        // The provider's own name may only use a few characters; it shows up in JDK debug output only.
        String config = "--name = Inkan-" + settings.name().replaceAll("[^A-Za-z0-9._-]", "_") + "\n"
                + "library = " + settings.library() + "\n"
                + "slot = " + slot + "\n";
        try {
            return sunPkcs11.configure(config);
        } catch (RuntimeException e) {
            throw new TokenException("SunPKCS11 cannot open token '" + settings.name() + "': "
                    + Pkcs11Errors.describe(e), e);
        }
    }
}
