package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/** A signing profile as the API shows it. */
public record ProfileView(String project, String name, String key, List<String> allowedAlgorithms,
                          Instant createdAt, Integer authorizationLevel) {

    /** A level-1 profile's view. */
    public ProfileView(String project, String name, String key, List<String> allowedAlgorithms, Instant createdAt) {
        this(project, name, key, allowedAlgorithms, createdAt, 1);
    }
}
