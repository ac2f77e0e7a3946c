package io.inkan.server.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /**
     * Whether this role takes part in signing: it signs, approves signing or holds key custody. A system
     * administrator never holds one of these (the source organisation's rule: administrators cannot sign),
     * whatever grants it, so the people who manage Inkan cannot also use its keys.
     */
    public boolean signingDuty() {
        return this == SIGNER || this == APPROVER || this == CUSTODIAN;
    }

    /** The API spelling: {@code admin}, {@code signer}, {@code approver}, {@code custodian}, {@code auditor}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role a configured directory or CI rule grants, which must be a project role: such rules never
     * make administrators, so a group or a CI job cannot combine administration with signing. Refusing
     * the configuration at start-up beats ignoring the rule in silence.
     *
     * @param setting the setting that names the role, e.g. {@code inkan.ldap.rules[0].role}
     * @throws IllegalStateException for {@code admin}, an unknown or a missing role, naming the setting and the valid roles
     */
    public static Role ofRule(String name, String setting) {
        Role role = fromApiName(name);
        if (role == null || !role.projectScoped()) {
            String ruleRoles = Arrays.stream(values()).filter(Role::projectScoped).map(Role::apiName)
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException(setting + (name == null ? " is missing" : " is '" + name + "'")
                    + ": the valid roles are " + ruleRoles + "; rules never grant the administrator role");
        }
        return role;
    }

    /** Parses the API spelling exactly (no other case, no white space); {@code null} for anything else. */
    public static Role fromApiName(String name) {
        for (Role role : values()) {
            if (role.apiName().equals(name)) {
                return role;
            }
        }
        return null;
    }
}
