package io.inkan.server.audit;

import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditReport;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly review of a project (L4): signatures per signer, key and profile, refusals and approvals,
 * counted from the trail itself so the report shows exactly what the verifier vouches for.
 */
@Component
class MonthlyReports {

    private final AuditStore store;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    MonthlyReports(AuditStore store, TransactionTemplate transactions, JsonMapper json) {
        this.store = store;
        this.transactions = transactions;
        this.json = json;
    }

    AuditReport report(String project, String month) {
        YearMonth period = parse(month);
        AuditQuery query = new AuditQuery(period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), project, null, null, null, null);
        Tally tally = new Tally();
        transactions.executeWithoutResult(status -> store.forEach(query, tally::add));
        return new AuditReport(project, period.toString(), tally.signatures, tally.signingRequests, tally.bySigner,
                tally.byKey, tally.byProfile, tally.denials, tally.rejections, tally.failures, tally.approvals,
                tally.records);
    }

    private static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Refusal(Problem.INVALID_MONTH, "month must be yyyy-MM, e.g. 2026-11");
        }
    }

    /** Counts as records stream past. */
    private final class Tally {
        final Map<String, Long> bySigner = new TreeMap<>();
        final Map<String, Long> byKey = new TreeMap<>();
        final Map<String, Long> byProfile = new TreeMap<>();
        long signatures;
        long signingRequests;
        long denials;
        long rejections;
        long failures;
        long approvals;
        long records;

        void add(AuditEntry entry) {
            records++;
            Outcome outcome = Outcome.valueOf(entry.outcome());
            switch (outcome) {
                case DENIED -> denials++;
                case REJECTED -> rejections++;
                case FAILED -> failures++;
                case SUCCESS -> success(entry);
            }
        }

        private void success(AuditEntry entry) {
            if (AuditAction.isApproval(entry.action())) {
                approvals++;
            }
            if (!AuditAction.SIGN.value().equals(entry.action()) || entry.data() == null) {
                return;
            }
            JsonNode data = json.readTree(entry.data());
            long count = data.path("count").asLong();
            signingRequests++;
            signatures += count;
            bySigner.merge(entry.principal() == null ? "(unknown)" : entry.principal(), count, Long::sum);
            byKey.merge(data.path("key").asString(), count, Long::sum);
            byProfile.merge(data.path("profile").asString(), count, Long::sum);
        }
    }
}
