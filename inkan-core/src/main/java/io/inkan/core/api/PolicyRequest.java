package io.inkan.core.api;

import java.util.List;

/**
 * Replaces a profile's policy as a whole; omitted fields take their defaults (automatic signing,
 * level 1, no window, any name, no rate limit, 24-hour timeout, reminder 1 hour before it).
 */
public record PolicyRequest(Integer approvalsRequired, Integer approvalLevel, PolicyView.ReleaseWindow releaseWindow,
                            List<String> namePatterns, PolicyView.RateLimit rateLimit, Long requestTimeoutSeconds,
                            Long reminderSeconds) {
}
