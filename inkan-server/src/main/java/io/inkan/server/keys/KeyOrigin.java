package io.inkan.server.keys;

/**
 * How a key came into its token. Shown to verifiers and auditors because an imported key existed outside
 * the token before, so its protection is only as good as its earlier life.
 */
public enum KeyOrigin {
    /** Generated inside the token; never existed anywhere else. */
    GENERATED,
    /** Imported wrapped (K4); the token holds it non-extractable from then on. */
    IMPORTED
}
