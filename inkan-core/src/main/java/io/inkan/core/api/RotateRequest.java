package io.inkan.core.api;

/**
 * Makes another key of the project the current key of a profile's key set (K7).
 *
 * @param key the name of a key of the same project; it joins the set if it is not a member yet
 */
public record RotateRequest(String key) {
}
