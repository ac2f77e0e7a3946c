package io.inkan.server.keys;

/** Life-cycle of a key (K6). Only {@link #ACTIVE} keys sign. */
public enum KeyState {
    ACTIVE,
    DISABLED,
    REVOKED,
    DESTROYED
}
