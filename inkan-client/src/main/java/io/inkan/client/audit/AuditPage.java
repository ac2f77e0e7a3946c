package io.inkan.client.audit;

import java.util.List;

/**
 * One page of an audit search, newest first.
 *
 * @param more whether another page follows
 */
public record AuditPage(List<AuditEntry> records, int page, int size, boolean more) {
}
