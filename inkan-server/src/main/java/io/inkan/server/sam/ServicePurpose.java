package io.inkan.server.sam;

import java.util.Set;

/**
 * Why the server signs with a key for itself: the closed list of service activations, each with the one
 * or two classes allowed to ask for it. No client digest is among them; client signatures need a SAD
 * from {@link SignatureActivation}.
 *
 * <p>A purpose was a free string before, and any class could name any purpose for any key. Now the list
 * is reviewed here: {@link ServiceSigning} and {@link ProjectKeySigning} refuse a purpose asked for by a
 * class outside its allow-list (fail closed, at run time), and {@code SignatureActivationArchitectureTest}
 * checks the same list on the compiled code, calls and method references alike. Adding a way for the
 * server to sign means adding a constant here, which is a visible, reviewed change.
 */
public enum ServicePurpose {

    /** The audit chain's checkpoint signature, with the audit key. */
    AUDIT_CHECKPOINT("audit-checkpoint", Scope.SERVER_KEY, "io.inkan.server.audit.AuditKey"),
    /** A seal over security-relevant configuration rows, with the seal key. */
    CONFIGURATION_SEAL("configuration-seal", Scope.SERVER_KEY, "io.inkan.server.sam.SealSigning"),
    /**
     * A fresh challenge signed with a server key (or with a throw-away key an import key unwrapped) to prove
     * the token holds the private half of a stored public key (decision 018).
     */
    SERVER_KEY_PROOF("server-key-proof", Scope.SERVER_KEY, "io.inkan.server.sam.TokenServerKeys"),
    /** An RFC 3161 time-stamp token of the built-in TSA, with the TSA key. */
    TIMESTAMP("timestamp", Scope.SERVER_KEY, "io.inkan.server.tsa.TsaKey"),
    /** The built-in TSA's self-signed certificate, with the TSA key. */
    TSA_CERTIFICATE("tsa-certificate", Scope.SERVER_KEY, "io.inkan.server.tsa.TsaCertificate"),
    /** The self-signed certificate every new key gets, signed by that key while it is being created. */
    SELF_SIGNED_CERTIFICATE("self-signed-certificate", Scope.SERVER_KEY, "io.inkan.server.keys.SelfSignedCertificates"),
    /** The proof that an imported key fits its public half, signed while the key is being imported. */
    KEY_IMPORT_PROOF("key-import-proof", Scope.SERVER_KEY, "io.inkan.server.keys.WrappedKeyImport"),
    /** A certificate of the private CA (root, intermediate or end-entity), with an authority's key. */
    CA_CERTIFICATE("certificate-authority", Scope.PROJECT_KEY, "io.inkan.server.ca.Authorities",
            "io.inkan.server.ca.Issuance"),
    /** A PKCS#10 request for an outside CA, with the project key it asks a certificate for. */
    CERTIFICATE_REQUEST("certificate-request", Scope.PROJECT_KEY, "io.inkan.server.ca.CertificateRequests"),
    /**
     * An authority's CRL. Exempt from M-of-N activation (decision 010): a CRL only withdraws trust, and a
     * root CRL that waited for a ceremony would lapse and make every verifier reject the chain.
     */
    CRL("crl", Scope.PROJECT_KEY_WITHOUT_ACTIVATION, "io.inkan.server.ca.Crls");

    /** Which keys a purpose signs with, and whether their M-of-N activation applies. */
    enum Scope {
        /**
         * A key the server holds for itself (audit, seal, TSA), or a key being created or imported, which
         * has no activation policy yet: named by its {@code KeyRef} through {@link ServiceSigning}.
         */
        SERVER_KEY,
        /** A project's key, through {@link ProjectKeySigning}, which takes one use of its open activation. */
        PROJECT_KEY,
        /** A project's key, through {@link ProjectKeySigning}, exempt from activation (documented above). */
        PROJECT_KEY_WITHOUT_ACTIVATION
    }

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String tag;
    private final Scope scope;
    private final Set<String> callers;

    ServicePurpose(String tag, Scope scope, String... callers) {
        this.tag = tag;
        this.scope = scope;
        this.callers = Set.of(callers);
    }

    /** The name in logs and in the {@code purpose} tag of {@code inkan.sam.service.activations}. */
    public String tag() {
        return tag;
    }

    /** The fully qualified names of the classes allowed to ask for this purpose. */
    public Set<String> callers() {
        return callers;
    }

    Scope scope() {
        return scope;
    }

    /**
     * Refuses unless the class that called the service-signing entry point is on this purpose's list.
     * A lambda or nested class counts as its enclosing class; through a method reference, the caller is
     * the class that invokes the functional interface (the JDK hides the lambda's own frame), so handing
     * {@code signing::sign} to another class does not carry the permission along.
     *
     * @throws SecurityException for a caller outside the list
     */
    void requireCaller() {
        String caller = STACK.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> !isServiceSigning(type)).findFirst())
                .map(type -> type.getNestHost().getName()).orElse("nothing");
        if (!callers.contains(caller)) {
            throw new SecurityException("service activation '" + tag + "' is not allowed from " + caller);
        }
    }

    private static boolean isServiceSigning(Class<?> type) {
        return type == ServicePurpose.class || ServiceSigning.class.isAssignableFrom(type)
                || ProjectKeySigning.class.isAssignableFrom(type);
    }
}
