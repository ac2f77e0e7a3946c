package io.inkan.server.identity;

import java.util.Locale;

/**
 * What a principal may do. Administrators manage projects, keys, profiles and credentials but can never
 * sign (A3); signers use the profiles of exactly one project; auditors only read one project's records.
 */
public enum Role {
    ADMIN,
    SIGNER,
    AUDITOR;

    /** Whether a credential of this role is confined to one project. */
    public boolean projectScoped() {
        return this != ADMIN;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API spelling ({@code admin}, {@code signer}); {@code null} for anything else. */
    public static Role fromApiName(String name) {
        for (Role role : values()) {
            if (role.apiName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return role;
            }
        }
        return null;
    }
}
