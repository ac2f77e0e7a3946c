package io.inkan.server.sam;

/**
 * Signing permits for tests that exercise a token on its own (e.g. PKCS#11 mechanism coverage), with no
 * Signature Activation Module around it. Test sources only: in the server, {@link TokenSigner} is the one
 * place that creates a {@link SigningPermit}.
 */
public final class TestPermits {

    private TestPermits() {
    }

    /** A permit for the key under {@code handle}. */
    public static SigningPermit forKey(String handle) {
        return new SigningPermit(handle);
    }
}
