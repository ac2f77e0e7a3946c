package io.inkan.core.api;

/** Creates a project: the unit that owns keys and profiles and isolates them from other projects. */
public record ProjectRequest(String name, String description) {
}
