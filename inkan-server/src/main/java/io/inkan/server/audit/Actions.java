package io.inkan.server.audit;

/**
 * Names of recorded actions. Success events (written by services) and refusals (written by the
 * problem handler from {@link AuditAction} on the endpoint) share these, so a search for one action
 * finds both.
 */
public final class Actions {

    public static final String AUTHENTICATE = "authenticate";
    public static final String PROJECT_CREATE = "project.create";
    public static final String PROJECT_READ = "project.read";
    public static final String KEY_CREATE = "key.create";
    public static final String KEY_READ = "key.read";
    public static final String PROFILE_CREATE = "profile.create";
    public static final String PROFILE_READ = "profile.read";
    public static final String SIGN = "sign";
    public static final String TOKEN_CREATE = "token.create";
    public static final String TOKEN_READ = "token.read";
    public static final String TOKEN_REVOKE = "token.revoke";
    public static final String REQUEST = "request";
    public static final String SERVER_START = "server.start";
    public static final String SERVER_STOP = "server.stop";
    public static final String AUDIT_READ = "audit.read";
    public static final String AUDIT_UNSIGNED_TAIL = "audit.unsigned-tail";
    public static final String AUDIT_KEY_ROTATE = "audit.key-rotate";
    public static final String KEY_IMPORT = "key.import";
    public static final String IMPORT_KEY_CREATE = "import-key.create";
    public static final String PROFILE_ROTATE = "profile.rotate";
    public static final String KEY_CSR = "key.csr";
    public static final String KEY_CERTIFICATE_IMPORT = "key.certificate.import";
    public static final String KEY_CERTIFICATE_EXPIRY = "key.certificate.expiry";
    public static final String KEY_ACTIVATION_POLICY = "key.activation.policy";
    public static final String KEY_ACTIVATION_APPROVE = "key.activation.approve";
    public static final String CA_AUTHORITY_CREATE = "ca.authority.create";
    public static final String CA_AUTHORITY_READ = "ca.authority.read";
    public static final String CA_ISSUE = "ca.issue";
    public static final String CA_REVOKE = "ca.revoke";
    public static final String CA_CRL_ISSUE = "ca.crl.issue";
    /** Signature activation data issued for a batch of digests (M2). */
    public static final String SAD_ISSUE = "sad.issue";
    /** Key stop-use, revocation and destruction (K6, M6). */
    public static final String KEY_DISABLE = "key.disable";
    public static final String KEY_REVOKE = "key.revoke";
    public static final String KEY_DESTROY = "key.destroy";
    /** A sealed configuration row failed its integrity check (M7). */
    public static final String CONFIGURATION_TAMPERED = "configuration.tampered";
    /** Rows written before configuration sealing existed were sealed once (M7). */
    public static final String CONFIGURATION_SEALED = "configuration.sealed";
    /** Prefix of the approval workflow's actions (W1), counted as approvals in monthly reports. */
    public static final String APPROVAL_PREFIX = "approval.";
    /** The built-in time-stamping authority's key was generated (first start). */
    public static final String TSA_KEY_CREATE = "tsa.key.create";
    /** A profile's timestamping was set or changed. */
    public static final String PROFILE_TIMESTAMPING = "profile.timestamping";
    /** A time-stamp through a profile's authority (refusals and upstream failures are recorded). */
    public static final String TIMESTAMP = "timestamp";
    public static final String APPROVAL_APPROVE = "approval.approve";
    public static final String APPROVAL_REJECT = "approval.reject";
    public static final String POLICY_SET = "policy.set";
    public static final String POLICY_READ = "policy.read";
    public static final String SIGNING_REQUEST_CREATE = "signing-request.create";
    public static final String SIGNING_REQUEST_READ = "signing-request.read";
    public static final String SIGNING_REQUEST_EXPIRE = "signing-request.expire";
    public static final String SIGNING_REQUEST_REMIND = "signing-request.remind";
    public static final String SIGNING_REQUEST_CLOSE = "signing-request.close";
    public static final String SIGNING_REQUEST_SIGNED = "signing-request.signed";
    public static final String WEBHOOK_CREATE = "webhook.create";
    public static final String WEBHOOK_READ = "webhook.read";
    public static final String WEBHOOK_DELETE = "webhook.delete";
    public static final String PRINCIPAL_EMAIL = "principal.email";
    public static final String NOTIFICATION_FAILED = "notification.failed";

    private Actions() {
    }
}
