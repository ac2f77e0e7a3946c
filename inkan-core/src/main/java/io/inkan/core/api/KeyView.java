package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A key as the API shows it: public material only, never anything private.
 *
 * @param publicKey        X.509 SubjectPublicKeyInfo, base64 DER
 * @param certificateChain leaf first, base64 DER each
 */
public record KeyView(String project, String name, String algorithm, String token, String tokenKind,
                      String state, String publicKey, List<String> certificateChain, Instant createdAt) {

    /** A view built component by component, leaving out what a caller does not know. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the components by name; those never set stay {@code null} (or 0). */
    public static final class Builder {

        private String project;
        private String name;
        private String algorithm;
        private String token;
        private String tokenKind;
        private String state;
        private String publicKey;
        private List<String> certificateChain;
        private Instant createdAt;

        private Builder() {
        }

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder algorithm(String algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder tokenKind(String tokenKind) {
            this.tokenKind = tokenKind;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
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

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public KeyView build() {
            return new KeyView(project, name, algorithm, token, tokenKind, state, publicKey, certificateChain,
                    createdAt);
        }
    }
}
