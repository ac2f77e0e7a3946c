package io.inkan.core.api;

import java.util.List;

/**
 * Creates a signing profile: which key of the project signs, and with which algorithms.
 *
 * @param allowedAlgorithms {@link io.inkan.core.SignatureAlgorithm} names; empty or {@code null} means
 *                          every algorithm the key's family supports
 */
public record ProfileRequest(String name, String key, List<String> allowedAlgorithms) {
}
