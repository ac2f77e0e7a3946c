package io.inkan.core.api;

import java.time.Instant;

/**
 * A profile's timestamping as the API shows it; clients fetch time-stamps for the profile from
 * {@code POST /api/v1/projects/{project}/profiles/{profile}/timestamp} whatever the authority.
 *
 * @param authority {@code builtin}, {@code external} or {@code none}
 * @param url       the external authority, else {@code null}
 * @param updatedAt when it was last set; {@code null} if never
 */
public record TimestampingView(String project, String profile, String authority, String url, Instant updatedAt) {
}
