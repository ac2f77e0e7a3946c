package io.inkan.core.api;

import java.util.List;

/**
 * The signatures of a batch, in request order, with what a verifier needs to check them.
 *
 * @param signatures       base64 signature values, one per request item
 * @param publicKey        the signing key's X.509 SubjectPublicKeyInfo, base64 DER
 * @param certificateChain leaf first, base64 DER each
 * @param nextSad          after a renewal request: the SAD for the digests still to sign, {@code null} when none remain
 * @param receipt          the audit log's receipt for the record of this request
 */
public record SignHashResponse(String project, String profile, String key, String algorithm,
                               List<String> signatures, String publicKey, List<String> certificateChain,
                               SadView nextSad, ReceiptView receipt) {

    /**
     * The answer for some of this request's items, as a batch hands it to each of its callers: their
     * {@code signatures}, the same key and receipt, and no {@code nextSad} (a SAD belongs to the whole request).
     */
    public SignHashResponse part(List<String> signatures) {
        return new SignHashResponse(project, profile, key, algorithm, List.copyOf(signatures), publicKey,
                certificateChain, null, receipt);
    }

    /** A response built component by component; {@code nextSad} and {@code receipt} may stay unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the components by name; those never set stay {@code null} (or 0). */
    public static final class Builder {

        private String project;
        private String profile;
        private String key;
        private String algorithm;
        private List<String> signatures;
        private String publicKey;
        private List<String> certificateChain;
        private SadView nextSad;
        private ReceiptView receipt;

        private Builder() {
        }

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder algorithm(String algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        public Builder signatures(List<String> signatures) {
            this.signatures = signatures;
            return this;
        }

        public Builder publicKey(String publicKey) {
            this.publicKey = publicKey;
            return this;
        }

        public Builder certificateChain(List<String> certificateChain) {
            this.certificateChain = certificateChain;
            return this;
        }

        public Builder nextSad(SadView nextSad) {
            this.nextSad = nextSad;
            return this;
        }

        public Builder receipt(ReceiptView receipt) {
            this.receipt = receipt;
            return this;
        }

        public SignHashResponse build() {
            return new SignHashResponse(project, profile, key, algorithm, signatures, publicKey, certificateChain,
                    nextSad, receipt);
        }
    }
}
