package io.inkan.client;

/** The key state changes a custodian can request (K6); each names its API path. */
public enum KeyStateChange {
    /** Stop use: the key signs nothing until further notice. */
    DISABLE("disable"),
    /** For good: the key signs nothing any more; its public key stays published. */
    REVOKE("revoke"),
    /** The private key is removed from its token. */
    DESTROY("destroy");

    private final String path;

    KeyStateChange(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
