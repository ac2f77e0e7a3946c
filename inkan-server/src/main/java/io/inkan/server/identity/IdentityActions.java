package io.inkan.server.identity;

/**
 * Names of recorded identity actions, next to the general ones in {@code audit.Actions}, so the audit
 * package need not know every capability's vocabulary.
 */
public final class IdentityActions {

    public static final String PRINCIPAL_CREATE = "principal.create";
    public static final String PRINCIPAL_READ = "principal.read";
    public static final String ROLE_BIND = "role.bind";
    public static final String ROLE_UNBIND = "role.unbind";
    public static final String CERTIFICATE_ADD = "certificate.add";

    private IdentityActions() {
    }
}
