package io.inkan.core.api;

import java.time.Instant;

/** A project as the API shows it. */
public record ProjectView(String name, String description, Instant createdAt) {
}
