package io.inkan.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A key's activation requirement and the state of its current activation.
 *
 * @param state      {@code not-required}, {@code inactive}, {@code pending} (approvals being collected) or
 *                   {@code active}
 * @param approvedBy custodians who approved the current activation
 * @param expiresAt  end of the pending period or of the active window; {@code null} when inactive
 * @param usesLeft   uses left in the active window; {@code null} unless active
 */
public record ActivationView(String project, String key, String state, int required, List<String> custodians,
                             String window, int maxUses, List<String> approvedBy, Instant expiresAt,
                             Integer usesLeft) {

    /** A key whose signatures need no activation: no custodians, no window, nothing pending. */
    public static ActivationView notRequired(String project, String key) {
        return new ActivationView(project, key, "not-required", 0, List.of(), null, 0, List.of(), null, null);
    }
}
