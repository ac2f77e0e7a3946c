package io.inkan.server.audit;

/**
 * Every action the audit trail records, with the name written into the trail and whether it may change
 * configuration a node caches. One catalog for all capabilities: success events (written by services) and
 * refusals (written by the problem handler from {@link Audited} on the endpoint) share these names, so a
 * search for one action finds both, and docs/audit.md lists exactly these (checked by a test).
 *
 * <p>The names are hashed into the chain and the Merkle tree and searched by auditors: never rename one.
 *
 * <p>Whether an action changes configuration is stated per action rather than read from its name: a
 * record of such an action moves {@code audit_head.config_generation}, which makes every node reload its
 * cached tokens, principals, projects, keys, profiles, policies and activation policies (decision 013). It
 * is {@code true} for each action that writes a row those caches hold, and for the rare administrative
 * actions where a reload costs nothing worth saving; it is {@code false} for reads and for the frequent
 * actions that write only rows no cache holds (signatures, SADs, time-stamps, the approval workflow), so
 * that signing does not empty every node's cache (decision 019).
 */
public enum AuditAction {

    /** A credential was accepted or refused. */
    AUTHENTICATE("authenticate", false),
    /** A refusal of a request that reached no audited endpoint (no handler, too large, ...). */
    REQUEST("request", false),
    SERVER_START("server.start", false),
    SERVER_STOP("server.stop", false),

    PROJECT_CREATE("project.create", true),
    PROJECT_READ("project.read", false),

    PRINCIPAL_CREATE("principal.create", true),
    PRINCIPAL_READ("principal.read", false),
    PRINCIPAL_EMAIL("principal.email", true),
    ROLE_BIND("role.bind", true),
    ROLE_UNBIND("role.unbind", true),
    CERTIFICATE_ADD("certificate.add", true),
    TOKEN_CREATE("token.create", true),
    TOKEN_READ("token.read", false),
    TOKEN_REVOKE("token.revoke", true),

    /** Second factor (A6): enrolment, verification, administrator reset and unlock, and a lock after wrong codes. */
    TOTP_ENROL("totp.enrol", false),
    TOTP_VERIFY("totp.verify", false),
    TOTP_RESET("totp.reset", false),
    TOTP_UNLOCK("totp.unlock", false),
    TOTP_LOCK("totp.lock", false),

    KEY_CREATE("key.create", true),
    KEY_READ("key.read", false),
    KEY_IMPORT("key.import", true),
    /** The server's key-import wrapping key was generated. */
    IMPORT_KEY_CREATE("import-key.create", true),
    KEY_CSR("key.csr", false),
    KEY_CERTIFICATE_IMPORT("key.certificate.import", true),
    /** A key's certificate nears its end (a warning, recorded once per certificate). */
    KEY_CERTIFICATE_EXPIRY("key.certificate.expiry", false),
    /** M-of-N activation (K8): the policy is configuration; an approval opens an activation, which is not. */
    KEY_ACTIVATION_POLICY("key.activation.policy", true),
    KEY_ACTIVATION_APPROVE("key.activation.approve", false),
    /** Key stop-use, revocation and destruction (K6, M6). */
    KEY_DISABLE("key.disable", true),
    KEY_REVOKE("key.revoke", true),
    KEY_DESTROY("key.destroy", true),

    PROFILE_CREATE("profile.create", true),
    PROFILE_READ("profile.read", false),
    PROFILE_ROTATE("profile.rotate", true),
    /** A profile's timestamping was set or changed. */
    PROFILE_TIMESTAMPING("profile.timestamping", true),
    POLICY_SET("policy.set", true),
    POLICY_READ("policy.read", false),

    /** Signature activation data issued for a batch of digests (M2). */
    SAD_ISSUE("sad.issue", false),
    SIGN("sign", false),
    /** A time-stamp through a profile's authority (refusals and upstream failures are recorded). */
    TIMESTAMP("timestamp", false),
    /** The built-in time-stamping authority's key was generated (first start). */
    TSA_KEY_CREATE("tsa.key.create", true),

    CA_AUTHORITY_CREATE("ca.authority.create", true),
    CA_AUTHORITY_READ("ca.authority.read", false),
    CA_ISSUE("ca.issue", true),
    CA_REVOKE("ca.revoke", true),
    CA_CRL_ISSUE("ca.crl.issue", false),

    /** The approval workflow (W1). */
    SIGNING_REQUEST_CREATE("signing-request.create", false),
    SIGNING_REQUEST_READ("signing-request.read", false),
    SIGNING_REQUEST_EXPIRE("signing-request.expire", false),
    SIGNING_REQUEST_REMIND("signing-request.remind", false),
    SIGNING_REQUEST_CLOSE("signing-request.close", false),
    SIGNING_REQUEST_SIGNED("signing-request.signed", false),
    /** The {@code approval.} family: each counts as an approval in monthly reports. */
    APPROVAL_APPROVE("approval.approve", false),
    APPROVAL_REJECT("approval.reject", false),

    WEBHOOK_CREATE("webhook.create", false),
    WEBHOOK_READ("webhook.read", false),
    WEBHOOK_DELETE("webhook.delete", false),
    NOTIFICATION_FAILED("notification.failed", false),

    AUDIT_READ("audit.read", false),
    /** Records after the newest checkpoint were found at start-up. */
    AUDIT_UNSIGNED_TAIL("audit.unsigned-tail", false),
    AUDIT_KEY_ROTATE("audit.key-rotate", true),
    /** A sealed configuration row failed its integrity check (M7). */
    CONFIGURATION_TAMPERED("configuration.tampered", false),
    /** Rows written before configuration sealing existed were sealed once (M7). */
    CONFIGURATION_SEALED("configuration.sealed", true);

    private static final String APPROVAL_FAMILY = "approval.";

    private final String value;
    private final boolean changesConfiguration;

    AuditAction(String value, boolean changesConfiguration) {
        this.value = value;
        this.changesConfiguration = changesConfiguration;
    }

    /** The name written into the trail, e.g. {@code sad.issue}. */
    public String value() {
        return value;
    }

    /** Whether a successful record of this action makes every node reload its cached configuration. */
    public boolean changesConfiguration() {
        return changesConfiguration;
    }

    /** Whether a recorded action name belongs to the approval family (including names of older versions). */
    public static boolean isApproval(String recorded) {
        return recorded != null && recorded.startsWith(APPROVAL_FAMILY);
    }

    @Override
    public String toString() {
        return value;
    }
}
