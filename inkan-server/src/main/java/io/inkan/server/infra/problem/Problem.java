package io.inkan.server.infra.problem;

/**
 * Every kind of refusal a client can receive, each with its stable slug (the type URI is
 * {@code urn:inkan:problem:<slug>}), its one title and its {@link Category}. Clients branch on the slug,
 * so a slug never changes meaning; docs/api-errors.md lists exactly these constants (a test compares
 * both ways). Capability code throws a {@link Refusal} of one of them and knows nothing of HTTP: the web
 * edge maps the category to a status in one place.
 *
 * <p>One slug, {@code sad-expired}, is answered at two statuses (403 when signing with an expired SAD,
 * 409 when an approved request's SAD cannot be issued again), so it has two constants; see decision 017.
 */
public enum Problem {

    UNAUTHORIZED("unauthorized", "Unauthorized", Category.UNAUTHENTICATED),
    TOO_MANY_FAILURES("too-many-failures", "Too many failed credentials", Category.TOO_MANY_REQUESTS),
    FORBIDDEN("forbidden", "Forbidden", Category.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", Category.NOT_FOUND),
    MALFORMED_REQUEST("malformed-request", "Malformed request", Category.INVALID),
    BAD_REQUEST("bad-request", "Bad Request", Category.INVALID),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", Category.MEDIA_TYPE_NOT_SUPPORTED),
    NOT_ACCEPTABLE("not-acceptable", "Not Acceptable", Category.NOT_ACCEPTABLE),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", Category.METHOD_NOT_SUPPORTED),
    URI_TOO_LONG("uri-too-long", "URI too long", Category.TARGET_TOO_LONG),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", Category.HEADERS_TOO_LARGE),
    HTTP_VERSION_NOT_SUPPORTED("http-version-not-supported", "HTTP Version not supported", Category.PROTOCOL_NOT_SUPPORTED),
    INVALID_NAME("invalid-name", "Invalid name", Category.INVALID),
    INVALID_DESCRIPTION("invalid-description", "Invalid description", Category.INVALID),
    ALREADY_EXISTS("already-exists", "Already exists", Category.CONFLICT),
    UNKNOWN_KEY_ALGORITHM("unknown-key-algorithm", "Unknown key algorithm", Category.INVALID),
    UNKNOWN_TOKEN("unknown-token", "Unknown token", Category.INVALID),
    KEY_REQUIRED("key-required", "Key required", Category.INVALID),
    ALGORITHM_KEY_MISMATCH("algorithm-key-mismatch", "Algorithm does not fit the key", Category.INVALID),
    UNKNOWN_ALGORITHM("unknown-algorithm", "Unknown signature algorithm", Category.INVALID),
    ALGORITHM_NOT_ALLOWED("algorithm-not-allowed", "Algorithm not allowed", Category.INVALID),
    EMPTY_BATCH("empty-batch", "Empty batch", Category.INVALID),
    BATCH_TOO_LARGE("batch-too-large", "Batch too large", Category.TOO_LARGE),
    REQUEST_TOO_LARGE("request-too-large", "Request too large", Category.TOO_LARGE),
    INVALID_ITEM("invalid-item", "Invalid item", Category.INVALID),
    INVALID_BASE64("invalid-base64", "Invalid base64", Category.INVALID),
    DIGEST_LENGTH("digest-length", "Wrong digest length", Category.INVALID),
    DATA_LENGTH("data-length", "Wrong data length", Category.INVALID),
    KEY_ALREADY_BOUND("key-already-bound", "Key already bound", Category.CONFLICT),
    INVALID_WRAPPED_KEY("invalid-wrapped-key", "Invalid wrapped key", Category.INVALID),
    KEY_MISMATCH("key-mismatch", "Key mismatch", Category.INVALID),
    CERTIFICATE_KEY_MISMATCH("certificate-key-mismatch", "Certificate does not match the key", Category.INVALID),
    INVALID_PUBLIC_KEY("invalid-public-key", "Invalid public key", Category.INVALID),
    UNSUPPORTED_KEY_ALGORITHM("unsupported-key-algorithm", "Unsupported key algorithm", Category.INVALID),
    MISSING_FIELD("missing-field", "Missing field", Category.INVALID),
    ALREADY_CURRENT("already-current", "Already current", Category.CONFLICT),
    CONCURRENT_ROTATION("concurrent-rotation", "Concurrent rotation", Category.CONFLICT),
    KEY_NOT_ACTIVE("key-not-active", "Key not active", Category.CONFLICT),
    INVALID_ROLE("invalid-role", "Invalid role", Category.INVALID),
    PROJECT_REQUIRED("project-required", "Project required", Category.INVALID),
    INVALID_SCOPE("invalid-scope", "Invalid scope", Category.INVALID),
    INVALID_EXPIRY("invalid-expiry", "Invalid expiry", Category.INVALID),
    INVALID_KIND("invalid-kind", "Invalid kind", Category.INVALID),
    INVALID_CERTIFICATE("invalid-certificate", "Invalid certificate", Category.INVALID),
    ADMINISTRATORS_CANNOT_SIGN("administrators-cannot-sign", "Administrators cannot sign", Category.CONFLICT),
    SELF_GRANT("self-grant", "Self-grant", Category.FORBIDDEN),
    PRINCIPAL_EXISTS("principal-exists", "Principal exists", Category.CONFLICT),
    BINDING_EXISTS("binding-exists", "Binding exists", Category.CONFLICT),
    CERTIFICATE_REGISTERED("certificate-registered", "Certificate registered", Category.CONFLICT),
    TOTP_ENROLLED("totp-enrolled", "Already enrolled", Category.CONFLICT),
    TOTP_NOT_ENROLLED("totp-not-enrolled", "Not enrolled", Category.CONFLICT),
    SECOND_FACTOR_REFUSED("second-factor-refused", "Second factor refused", Category.FORBIDDEN),
    SECOND_FACTOR_LOCKED("second-factor-locked", "Second factor locked", Category.TOO_MANY_REQUESTS),
    SEPARATION_OF_DUTIES("separation-of-duties", "Separation of duties", Category.FORBIDDEN),
    INVALID_PAGE("invalid-page", "Invalid page", Category.INVALID),
    INVALID_FORMAT("invalid-format", "Invalid format", Category.INVALID),
    INVALID_MONTH("invalid-month", "Invalid month", Category.INVALID),
    INVALID_DIGEST("invalid-digest", "Invalid digest", Category.INVALID),
    INVALID_TSA_AUTHORITY("invalid-tsa-authority", "Invalid time-stamping authority", Category.INVALID),
    INVALID_TSA_URL("invalid-tsa-url", "Invalid time-stamping URL", Category.INVALID),
    TIMESTAMPING_NOT_CONFIGURED("timestamping-not-configured", "Timestamping not configured", Category.CONFLICT),
    RATE_LIMITED("rate-limited", "Rate limit reached", Category.TOO_MANY_REQUESTS),
    TSA_UNAVAILABLE("tsa-unavailable", "Time-stamping authority unavailable", Category.UPSTREAM_FAILED),
    INVALID_SUBJECT("invalid-subject", "Invalid subject", Category.INVALID),
    INVALID_EXTENSION("invalid-extension", "Invalid extension", Category.INVALID),
    INVALID_CERTIFICATE_CHAIN("invalid-certificate-chain", "Invalid certificate chain", Category.INVALID),
    CERTIFICATE_EXPIRED("certificate-expired", "Certificate expired", Category.INVALID),
    CERTIFICATE_NOT_YET_VALID("certificate-not-yet-valid", "Certificate not yet valid", Category.INVALID),
    CERTIFICATE_NOT_CODE_SIGNING("certificate-not-code-signing", "Not a code-signing certificate", Category.INVALID),
    CERTIFICATE_UNTRUSTED("certificate-untrusted", "Certificate chain untrusted", Category.INVALID),
    INVALID_ACTIVATION_POLICY("invalid-activation-policy", "Invalid activation policy", Category.INVALID),
    ACTIVATION_POLICY_EXISTS("activation-policy-exists", "Activation policy exists", Category.CONFLICT),
    ACTIVATION_NOT_REQUIRED("activation-not-required", "Activation not required", Category.CONFLICT),
    KEY_ALREADY_ACTIVATED("key-already-activated", "Key already activated", Category.CONFLICT),
    KEY_NOT_ACTIVATED("key-not-activated", "Key not activated", Category.CONFLICT),
    ROOT_NEEDS_ACTIVATION_POLICY("root-needs-activation-policy", "Root key needs M-of-N activation", Category.CONFLICT),
    CA_KEY_IN_USE("ca-key-in-use", "CA key in use", Category.CONFLICT),
    AUTHORITY_CANNOT_ISSUE_AUTHORITIES("authority-cannot-issue-authorities", "Authority cannot issue authorities",
            Category.CONFLICT),
    ROOT_ISSUES_AUTHORITIES_ONLY("root-issues-authorities-only", "Roots issue authorities only", Category.CONFLICT),
    AUTHORITY_REQUIRED("authority-required", "Authority required", Category.INVALID),
    INVALID_VALIDITY("invalid-validity", "Invalid validity", Category.INVALID),
    VALIDITY_TOO_LONG("validity-too-long", "Validity too long", Category.INVALID),
    VALIDITY_EXCEEDS_AUTHORITY("validity-exceeds-authority", "Validity exceeds the authority's", Category.INVALID),
    NO_ISSUED_CERTIFICATE("no-issued-certificate", "No issued certificate", Category.CONFLICT),
    SAD_REQUIRED("sad-required", "SAD required", Category.FORBIDDEN),
    SECOND_FACTOR_REQUIRED("second-factor-required", "Second factor required", Category.FORBIDDEN),
    SAD_INVALID("sad-invalid", "Invalid SAD", Category.FORBIDDEN),
    SAD_FOREIGN("sad-foreign", "SAD of another principal", Category.FORBIDDEN),
    SAD_EXPIRED("sad-expired", "SAD expired", Category.FORBIDDEN),
    SAD_EXPIRED_ON_REISSUE("sad-expired", "SAD expired", Category.CONFLICT),
    SAD_CONSUMED("sad-consumed", "SAD consumed", Category.CONFLICT),
    SAD_LEVEL_INSUFFICIENT("sad-level-insufficient", "SAD of a lower authorization level", Category.FORBIDDEN),
    SAD_KEY_MISMATCH("sad-key-mismatch", "SAD for another key", Category.FORBIDDEN),
    SAD_ALGORITHM_MISMATCH("sad-algorithm-mismatch", "SAD for another algorithm", Category.FORBIDDEN),
    SAD_DIGEST_NOT_COVERED("sad-digest-not-covered", "Digest not covered by the SAD", Category.FORBIDDEN),
    SAD_DIGEST_USED("sad-digest-used", "Digest already used", Category.CONFLICT),
    INVALID_RENEWAL("invalid-renewal", "Renewal without SAD", Category.INVALID),
    INVALID_LEVEL("invalid-level", "Invalid authorization level", Category.INVALID),
    INVALID_TTL("invalid-ttl", "Invalid SAD lifetime", Category.INVALID),
    INVALID_SAD_SIZE("invalid-sad-size", "Invalid number of digests", Category.INVALID),
    DUPLICATE_DIGEST("duplicate-digest", "Duplicate digest", Category.INVALID),
    INVALID_FACTORS("invalid-factors", "Invalid factors", Category.INVALID),
    INVALID_NONCE("invalid-nonce", "Invalid nonce", Category.INVALID),
    STALE_REQUEST("stale-request", "Stale request", Category.INVALID),
    INVALID_REASON("invalid-reason", "Invalid reason", Category.INVALID),
    REPLAYED_REQUEST("replayed-request", "Replayed request", Category.CONFLICT),
    INVALID_KEY_STATE("invalid-key-state", "Invalid key state", Category.CONFLICT),
    CONFIGURATION_TAMPERED("configuration-tampered", "Configuration tampered", Category.INTERNAL),
    INVALID_POLICY("invalid-policy", "Invalid policy", Category.INVALID),
    ARTIFACT_NAME_NOT_ALLOWED("artifact-name-not-allowed", "Artifact name not allowed", Category.FORBIDDEN),
    APPROVAL_REQUIRED("approval-required", "Approval required", Category.FORBIDDEN),
    RELEASE_WINDOW_REQUIRED("release-window-required", "Release window required", Category.FORBIDDEN),
    RELEASE_WINDOW_EXHAUSTED("release-window-exhausted", "Release window exhausted", Category.CONFLICT),
    APPROVAL_NOT_REQUIRED("approval-not-required", "Approval not required", Category.CONFLICT),
    INVALID_REQUEST("invalid-request", "Invalid request", Category.INVALID),
    INVALID_STATE("invalid-state", "Invalid state", Category.INVALID),
    INVALID_WAIT("invalid-wait", "Invalid wait", Category.INVALID),
    REQUEST_NOT_PENDING("request-not-pending", "Request not pending", Category.CONFLICT),
    REQUEST_EXPIRED("request-expired", "Request expired", Category.CONFLICT),
    REQUEST_NOT_APPROVED("request-not-approved", "Request not approved", Category.CONFLICT),
    NOT_A_BATCH("not-a-batch", "Not a batch request", Category.CONFLICT),
    SAD_USED("sad-used", "SAD used", Category.CONFLICT),
    ADDRESS_NOT_ALLOWED("address-not-allowed", "Address not allowed", Category.INVALID),
    INVALID_WEBHOOK_URL("invalid-webhook-url", "Invalid webhook URL", Category.INVALID),
    TOO_MANY_WEBHOOKS("too-many-webhooks", "Too many webhooks", Category.CONFLICT),
    INVALID_EMAIL("invalid-email", "Invalid email address", Category.INVALID),
    TOKEN_FAILURE("token-failure", "Token failure", Category.UNAVAILABLE),
    AUDIT_LOG_DAMAGED("audit-log-damaged", "Audit log damaged", Category.UNAVAILABLE),
    NO_CHECKPOINT("no-checkpoint", "No checkpoint", Category.NOT_FOUND),
    NO_RECORD("no-record", "No such record", Category.NOT_FOUND),
    NOT_YET_CHECKPOINTED("not-yet-checkpointed", "Not yet checkpointed", Category.CONFLICT),
    LOG_DAMAGED("log-damaged", "Audit log damaged", Category.CONFLICT),
    INVALID_RECORD("invalid-record", "Invalid record", Category.INVALID),
    RECORD_BEYOND_SIZE("record-beyond-size", "Record beyond tree size", Category.INVALID),
    INVALID_RANGE("invalid-range", "Invalid range", Category.INVALID),
    INTERNAL_ERROR("internal-error", "Internal error", Category.INTERNAL);

    /**
     * What kind of refusal a problem is, independent of the transport: the web edge answers each with
     * one HTTP status. Most of the HTTP-shaped ones (a method, a media type, a request line or header
     * block the server does not take) are raised by the HTTP server itself, not by capability code.
     */
    public enum Category {
        /** The request is malformed or a value is out of bounds. */
        INVALID,
        /** No valid credential. */
        UNAUTHENTICATED,
        /** The caller may not do this, or a precondition of trust (SAD, second factor, approval) is missing. */
        FORBIDDEN,
        /** The thing named does not exist, or the caller may not know that it does. */
        NOT_FOUND,
        /** The path does not take the request's method. */
        METHOD_NOT_SUPPORTED,
        /** No representation the caller accepts can be given. */
        NOT_ACCEPTABLE,
        /** The request is well-formed but collides with the current state. */
        CONFLICT,
        /** The request body or batch is larger than the server accepts. */
        TOO_LARGE,
        /** The request target is longer than the server accepts. */
        TARGET_TOO_LONG,
        /** The request body's media type is not one the path takes. */
        MEDIA_TYPE_NOT_SUPPORTED,
        /** A limit on attempts or rate is reached; the refusal usually says when to retry. */
        TOO_MANY_REQUESTS,
        /** The request headers are larger than the server accepts. */
        HEADERS_TOO_LARGE,
        /** The server failed; the details are in its log only. */
        INTERNAL,
        /** A service the server relies on for this request failed. */
        UPSTREAM_FAILED,
        /** The server cannot serve now (a token failure, a damaged audit log). */
        UNAVAILABLE,
        /** The request's protocol version is not supported. */
        PROTOCOL_NOT_SUPPORTED
    }

    /** What every problem type URI starts with; the slug follows. */
    public static final String TYPE_PREFIX = "urn:inkan:problem:";

    private final String slug;
    private final String title;
    private final Category category;

    Problem(String slug, String title, Category category) {
        this.slug = slug;
        this.title = title;
        this.category = category;
    }

    public String slug() {
        return slug;
    }

    /** The stable type URI clients branch on: {@code urn:inkan:problem:<slug>}. */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public Category category() {
        return category;
    }
}
