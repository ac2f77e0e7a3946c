package io.inkan.server.policy;

import io.inkan.core.api.PolicyView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules a profile's signatures obey (W1): automatic, or M approvals of distinct approvers per
 * request (level 2: each backed by a TOTP code), or M approvals opening a release window for up to N
 * digests; plus artifact name patterns and a rate limit that apply in every mode.
 *
 * @param windowMaxDigests set exactly when the profile signs in approved release windows
 * @param rateLimit        signing calls per {@code ratePeriod}; {@code null} = unlimited
 */
public record SigningPolicy(int approvalsRequired, int approvalLevel, Integer windowMaxDigests, Duration windowDuration,
                            NamePatterns namePatterns, Integer rateLimit, Duration ratePeriod, Duration requestTimeout,
                            Duration reminderBefore, Instant updatedAt) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    static final Duration DEFAULT_REMINDER = Duration.ofHours(1);

    /** What a profile without a stored policy does: sign at once, any name, no limit. */
    public static SigningPolicy automatic() {
        return new SigningPolicy(0, 1, null, null, NamePatterns.ANY, null, null, DEFAULT_TIMEOUT, DEFAULT_REMINDER, null);
    }

    /** Whether signing needs an approved request or window. */
    public boolean needsApproval() {
        return approvalsRequired > 0;
    }

    public boolean releaseWindows() {
        return windowMaxDigests != null;
    }

    public PolicyView view(String project, String profile) {
        return new PolicyView(project, profile, approvalsRequired, approvalLevel,
                releaseWindows() ? new PolicyView.ReleaseWindow(windowMaxDigests, windowDuration.toSeconds()) : null,
                namePatterns.globs(), rateLimit == null ? null : new PolicyView.RateLimit(rateLimit, ratePeriod.toSeconds()),
                requestTimeout.toSeconds(), reminderBefore.toSeconds(), updatedAt);
    }

    /** One line for the audit trail. */
    public String describe() {
        return (needsApproval() ? approvalsRequired + " approval(s) at level " + approvalLevel : "automatic")
                + (releaseWindows() ? ", release windows of " + windowMaxDigests + " digest(s) for " + windowDuration : "")
                + (namePatterns.globs().isEmpty() ? "" : ", names " + namePatterns.globs())
                + (rateLimit == null ? "" : ", at most " + rateLimit + " call(s) per " + ratePeriod)
                + (needsApproval() ? ", timeout " + requestTimeout + ", reminder " + reminderBefore + " before" : "");
    }

    /** Names every artifact name must match, as globs ({@code *}, {@code ?}, {@code [a-z]}, {@code {a,b}}). */
    public record NamePatterns(List<String> globs) {

        public static final NamePatterns ANY = new NamePatterns(List.of());

        public NamePatterns {
            globs = List.copyOf(globs);
        }

        /** Whether {@code artifact} is allowed; with patterns set, a missing name is not. */
        public boolean allows(String artifact) {
            if (globs.isEmpty()) {
                return true;
            }
            if (artifact == null || artifact.isEmpty()) {
                return false;
            }
            return globs.stream().anyMatch(glob -> Globs.matches(glob, artifact));
        }
    }
}
