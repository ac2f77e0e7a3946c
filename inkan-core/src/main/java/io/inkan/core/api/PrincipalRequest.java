package io.inkan.core.api;

/**
 * Creates a principal: a person or machine that authenticates with a client certificate and holds
 * role bindings.
 *
 * @param name a slug, e.g. {@code alice} or {@code build-agent-7}
 * @param kind {@code human} or {@code machine}
 */
public record PrincipalRequest(String name, String kind) {
}
