package io.inkan.core;

import java.util.Locale;

/**
 * The kinds of key a token can generate. The set is closed on purpose: every entry is tested on every
 * token type, so a caller cannot ask for a size or curve nobody has checked.
 */
public enum KeyAlgorithm {
    RSA_2048(KeyFamily.RSA, 2048, null),
    RSA_3072(KeyFamily.RSA, 3072, null),
    RSA_4096(KeyFamily.RSA, 4096, null),
    EC_P256(KeyFamily.EC, 256, "secp256r1"),
    EC_P384(KeyFamily.EC, 384, "secp384r1"),
    EC_P521(KeyFamily.EC, 521, "secp521r1"),
    ED25519(KeyFamily.ED25519, 255, null);

    private final KeyFamily family;
    private final int bits;
    private final String curve;

    KeyAlgorithm(KeyFamily family, int bits, String curve) {
        this.family = family;
        this.bits = bits;
        this.curve = curve;
    }

    public KeyFamily family() {
        return family;
    }

    /** Modulus size for RSA, field size for the curves. */
    public int bits() {
        return bits;
    }

    /** The JDK's standard curve name for EC keys; {@code null} for the others. */
    public String curve() {
        return curve;
    }

    /** Parses a name case-insensitively, accepting {@code -} for {@code _} (e.g. {@code ec-p256}). */
    public static KeyAlgorithm parse(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return KeyAlgorithm.valueOf(normalized);
    }
}
