package io.inkan.server.identity;

import java.util.Locale;

/**
 * What a principal may do (A3). Administrators manage projects, principals, role bindings and
 * credentials but can never sign or approve; the other roles are always bound to one project, so the
 * same person may be a signer in one project and an auditor in another.
 */
public enum Role {
    ADMIN,
    SIGNER,
    APPROVER,
    CUSTODIAN,
    AUDITOR;

    /** Whether a binding of this role names a project (every role but the system administrator). */
    public boolean projectScoped() {
        return this != ADMIN;
    }

    /** The API spelling: {@code admin}, {@code signer}, {@code approver}, {@code custodian}, {@code auditor}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API spelling; {@code null} for anything else. */
    public static Role fromApiName(String name) {
        for (Role role : values()) {
            if (role.apiName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return role;
            }
        }
        return null;
    }
}
