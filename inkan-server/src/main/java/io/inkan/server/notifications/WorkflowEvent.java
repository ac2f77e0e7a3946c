package io.inkan.server.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Something that happened to a signing request and that people or systems should hear about (W3).
 *
 * @param requesterId the requester's principal id, to find their email address
 * @param artifacts   artifact names, empty for a release window
 */
public record WorkflowEvent(Type type, String requestId, String project, String profile, String kind,
                            String requester, String requesterId, String reason, String ciRunUrl, List<String> artifacts,
                            String state, int approvalsRequired, int approvals, Instant expiresAt, Instant occurredAt) {

    public WorkflowEvent {
        artifacts = List.copyOf(artifacts);
    }

    /** Who hears of it: approvers of new and overdue requests, the requester of the outcome, webhooks of all. */
    public enum Type {
        REQUESTED(true),
        REMINDER(true),
        APPROVED(false),
        REJECTED(false),
        EXPIRED(false),
        SIGNED(false);

        private final boolean forApprovers;

        Type(boolean forApprovers) {
            this.forApprovers = forApprovers;
        }

        public boolean forApprovers() {
            return forApprovers;
        }

        /** The event name in webhook bodies and headers, e.g. {@code request.approved}. */
        public String eventName() {
            return "request." + name().toLowerCase(Locale.ROOT);
        }
    }
}
