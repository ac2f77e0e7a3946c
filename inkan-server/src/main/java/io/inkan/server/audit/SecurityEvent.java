package io.inkan.server.audit;

import java.time.Instant;

/** One recorded security event. */
public record SecurityEvent(long id, Instant occurredAt, String principal, String source, String action,
                            Outcome outcome, String project, String detail) {
}
