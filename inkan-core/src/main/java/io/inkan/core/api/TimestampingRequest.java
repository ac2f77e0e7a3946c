package io.inkan.core.api;

/**
 * Sets how a signing profile time-stamps its signatures (S5).
 *
 * @param authority {@code builtin} (the server's own TSA), {@code external} (relayed to {@code url}) or
 *                  {@code none}
 * @param url       the external authority's {@code http(s)} URL; only with {@code external}
 */
public record TimestampingRequest(String authority, String url) {
}
