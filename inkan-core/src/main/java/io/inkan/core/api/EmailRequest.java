package io.inkan.core.api;

/** Sets (or, with {@code null}, removes) the address where a principal receives workflow notifications. */
public record EmailRequest(String email) {
}
