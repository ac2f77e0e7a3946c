package io.inkan.core.api;

import java.util.List;

/**
 * Creates a signing profile: which key of the project signs, and with which algorithms.
 *
 * @param allowedAlgorithms {@link io.inkan.core.SignatureAlgorithm} names; empty or {@code null} means
 *                          every algorithm the key's family supports
 * @param authorizationLevel key authorization level (M5): 1 (default) = the login suffices; 2 = every
 *                           signature needs a SAD authorized with a TOTP code separate from login
 */
public record ProfileRequest(String name, String key, List<String> allowedAlgorithms, Integer authorizationLevel) {

    /** A level-1 profile. */
    public ProfileRequest(String name, String key, List<String> allowedAlgorithms) {
        this(name, key, allowedAlgorithms, null);
    }
}
