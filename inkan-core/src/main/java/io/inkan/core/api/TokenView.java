package io.inkan.core.api;

import java.time.Instant;

/**
 * An API token's metadata. {@code secret} is filled only in the response that creates the token; the
 * server keeps nothing but its hash.
 */
public record TokenView(String id, String name, String role, String project, Instant expiresAt,
                        String secret) {
}
