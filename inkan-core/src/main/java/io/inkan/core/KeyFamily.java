package io.inkan.core;

/** The public-key family of a key; it decides which signature algorithms the key can serve. */
public enum KeyFamily {
    RSA("RSA"),
    EC("EC"),
    ED25519("Ed25519");

    private final String jcaName;

    KeyFamily(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The name {@link java.security.KeyFactory} knows the family by. */
    public String jcaName() {
        return jcaName;
    }
}
