package io.inkan.core.api;

import java.util.List;

/**
 * Makes a key require M-of-N activation before each use (K8). Set once; it can be neither lowered nor
 * removed.
 *
 * @param required   how many of {@code custodians} must approve (N)
 * @param custodians names of registered principals holding the custodian role in the key's project (M)
 * @param window     how long an activation lasts, ISO-8601 (e.g. {@code PT30M}); also the time the custodians
 *                   have to complete one
 * @param maxUses    how many uses one activation allows
 */
public record ActivationPolicyRequest(int required, List<String> custodians, String window, int maxUses) {
}
