package io.inkan.server.identity;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The separation-of-duties rule (A5), kept apart from any workflow so that every workflow (signing
 * approvals, M-of-N key activation) applies the same check: nobody approves their own request, one
 * principal fills at most one approval slot, and the custodians who activate a key are not the
 * approvers of that activation. Principals are compared by their stable id, never by display name.
 */
public final class SeparationOfDuties {

    private SeparationOfDuties() {
    }

    /**
     * Refuses {@code approver} as the next approval of a request by {@code requester} that already
     * carries {@code earlierApprovers}.
     */
    public static void requireMayApprove(String requester, Collection<String> earlierApprovers, String approver) {
        if (approver.equals(requester)) {
            throw refused("Nobody may approve their own request");
        }
        if (earlierApprovers.contains(approver)) {
            throw refused("One principal fills at most one approval slot of a request");
        }
    }

    /** Refuses an activation in which a custodian is also an approver, or one person fills two slots. */
    public static void requireDistinct(Collection<String> custodians, Collection<String> approvers) {
        Set<String> seen = new HashSet<>();
        for (String custodian : custodians) {
            if (!seen.add(custodian)) {
                throw refused("One principal fills at most one custodian slot of an activation");
            }
        }
        for (String approver : approvers) {
            if (custodians.contains(approver)) {
                throw refused("A key custodian may not approve the activation they take part in");
            }
            if (!seen.add(approver)) {
                throw refused("One principal fills at most one approval slot of an activation");
            }
        }
    }

    private static Refusal refused(String detail) {
        return new Refusal(Problem.SEPARATION_OF_DUTIES, detail);
    }
}
