package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A signing request and its decisions. {@code state} is {@code requested}, {@code approved},
 * {@code rejected}, {@code expired}, {@code signed} or, for release windows, {@code closed}.
 */
public record SigningRequestView(String id, String project, String profile, String kind, String requester,
                                 String algorithm, List<SigningRequestCreate.Item> items, String reason,
                                 String ciRunUrl, String commit, String state, int approvalsRequired,
                                 int approvalLevel, List<Decision> decisions, Integer windowMaxDigests,
                                 int windowUsed, Instant windowClosesAt, Instant createdAt, Instant expiresAt,
                                 Instant decidedAt, Instant signedAt) {

    /** One approver's approval or rejection; {@code secondFactor} tells whether a TOTP code backed it. */
    public record Decision(String principal, String decision, boolean secondFactor, String comment,
                           Instant decidedAt) {
    }

    /** A view built component by component, so that 21 values are not matched by position. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the components by name; those never set stay {@code null} (or 0). */
    public static final class Builder {

        private String id;
        private String project;
        private String profile;
        private String kind;
        private String requester;
        private String algorithm;
        private List<SigningRequestCreate.Item> items;
        private String reason;
        private String ciRunUrl;
        private String commit;
        private String state;
        private int approvalsRequired;
        private int approvalLevel;
        private List<Decision> decisions;
        private Integer windowMaxDigests;
        private int windowUsed;
        private Instant windowClosesAt;
        private Instant createdAt;
        private Instant expiresAt;
        private Instant decidedAt;
        private Instant signedAt;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder requester(String requester) {
            this.requester = requester;
            return this;
        }

        public Builder algorithm(String algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        public Builder items(List<SigningRequestCreate.Item> items) {
            this.items = items;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder ciRunUrl(String ciRunUrl) {
            this.ciRunUrl = ciRunUrl;
            return this;
        }

        public Builder commit(String commit) {
            this.commit = commit;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder approvalsRequired(int approvalsRequired) {
            this.approvalsRequired = approvalsRequired;
            return this;
        }

        public Builder approvalLevel(int approvalLevel) {
            this.approvalLevel = approvalLevel;
            return this;
        }

        public Builder decisions(List<Decision> decisions) {
            this.decisions = decisions;
            return this;
        }

        public Builder windowMaxDigests(Integer windowMaxDigests) {
            this.windowMaxDigests = windowMaxDigests;
            return this;
        }

        public Builder windowUsed(int windowUsed) {
            this.windowUsed = windowUsed;
            return this;
        }

        public Builder windowClosesAt(Instant windowClosesAt) {
            this.windowClosesAt = windowClosesAt;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder decidedAt(Instant decidedAt) {
            this.decidedAt = decidedAt;
            return this;
        }

        public Builder signedAt(Instant signedAt) {
            this.signedAt = signedAt;
            return this;
        }

        public SigningRequestView build() {
            return new SigningRequestView(id, project, profile, kind, requester, algorithm, items, reason,
                    ciRunUrl, commit, state, approvalsRequired, approvalLevel, decisions, windowMaxDigests,
                    windowUsed, windowClosesAt, createdAt, expiresAt, decidedAt, signedAt);
        }
    }
}
