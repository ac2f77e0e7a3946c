package io.inkan.server.sam;

import java.util.Objects;

/**
 * The proof a token demands before it applies a private key: {@link io.inkan.server.keys.KeyToken#sign}
 * takes one and refuses to work without it. Only the Signature Activation Module can create a permit (the
 * constructor is package-private, and {@code SignatureActivationArchitectureTest} allows only
 * {@link TokenSigner} to call it), and {@link TokenSigner} creates one per operation, bound to the key
 * it is about to use, after a {@link SigningCapability} or a service activation allowed it.
 *
 * <p>Why a type and not only a rule: before, {@code KeyToken.sign} was public and any class handed the
 * {@code TokenRegistry} could sign any bytes with any key; only an architecture test, blind to method
 * references such as {@code token::sign}, stood in the way. Now a bypass does not compile: code outside
 * the module can hold a token but cannot obtain the argument its sign operation needs (passing
 * {@code null} fails at once). The idea follows Google Tink's {@code SecretKeyAccess} and jsign's
 * package-private access to its signing service.
 */
public final class SigningPermit {

    private final String handle;

    SigningPermit(String handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /**
     * Called first by every token's sign operation: passes only a permit for exactly the key {@code handle}.
     *
     * @throws SecurityException without a permit, or with one for another key
     */
    public static void require(SigningPermit permit, String handle) {
        if (permit == null || !permit.handle.equals(handle)) {
            throw new SecurityException(
                    "a token signs only with a permit of the Signature Activation Module for this key");
        }
    }
}
