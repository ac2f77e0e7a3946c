package io.inkan.server.projects;

import io.inkan.core.api.ProjectView;

import java.time.Instant;

/** A project: the owner of keys and profiles, and the boundary nobody from another project crosses. */
public record Project(long id, String name, String description, Instant createdAt) {

    public ProjectView view() {
        return new ProjectView(name, description, createdAt);
    }
}
