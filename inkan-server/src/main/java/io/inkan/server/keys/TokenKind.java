package io.inkan.server.keys;

/** What kind of token holds a key; shown to users because the protection differs. */
public enum TokenKind {
    /** A hardware security module (or SoftHSM2 in tests) through the JDK's SunPKCS11. */
    PKCS11,
    /** Keys encrypted at rest under a master key: weaker than an HSM, meant for first runs. */
    SOFTWARE
}
