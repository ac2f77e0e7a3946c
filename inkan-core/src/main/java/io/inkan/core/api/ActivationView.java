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
}
