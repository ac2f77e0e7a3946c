package io.inkan.server.testing;

import io.inkan.client.audit.AuditEntry;
import io.inkan.server.audit.AuditLog;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that an API call which changes state leaves exactly the audit record it should: one new record,
 * with the expected action, outcome, project and principal. Reusable by any test that holds a
 * {@link TestServer}.
 */
public final class AuditExpectations {

    private final AuditLog log;

    public AuditExpectations(TestServer server) {
        this.log = server.bean(AuditLog.class);
    }

    /**
     * Runs {@code call}, expects HTTP {@code status}, and returns the one record it appended.
     *
     * @param principal part of the recorded principal (a token's name), or {@code null} for none
     */
    public Recorded expectOne(Supplier<ApiCaller.Response> call, int status, String action, String outcome,
                              String project, String principal) {
        long before = lastSeq();
        ApiCaller.Response response = Provisioning.expect(call.get(), status);
        List<AuditEntry> added = log.recent(50).stream().filter(e -> e.seq() > before)
                .sorted(Comparator.comparingLong(AuditEntry::seq)).toList();
        assertThat(added).as("exactly one audit record for " + action).hasSize(1);
        AuditEntry entry = added.get(0);
        assertThat(entry.action()).isEqualTo(action);
        assertThat(entry.outcome()).isEqualTo(outcome);
        assertThat(entry.project()).isEqualTo(project);
        if (principal == null) {
            assertThat(entry.principal()).isNull();
        } else {
            assertThat(entry.principal()).contains(principal);
        }
        return new Recorded(response, entry);
    }

    /** The newest record's position. */
    public long lastSeq() {
        List<AuditEntry> newest = log.recent(1);
        return newest.isEmpty() ? 0 : newest.get(0).seq();
    }

    /** A call's response and the record it left. */
    public record Recorded(ApiCaller.Response response, AuditEntry entry) {
    }
}
