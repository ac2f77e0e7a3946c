package io.inkan.core.api;

import java.time.Instant;

/**
 * An API token's metadata. {@code secret} is filled only in the response that creates the token; the
 * server keeps nothing but its hash. {@code lastUsedAt} is accurate to about a minute.
 */
public record TokenView(String id, String name, String role, String project, Instant expiresAt,
                        Instant lastUsedAt, String secret) {
}
