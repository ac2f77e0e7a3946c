package io.inkan.server.audit;

import io.inkan.client.audit.AuditChain;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditReceipt;
import io.inkan.client.audit.TreeHead;
import io.inkan.server.InkanProperties;
import io.inkan.server.identity.Access;
import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.identity.InkanPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Appends events to the hash-chained audit trail (L1, L2): successes in the same transaction as the
 * change they describe (if the append fails, the change rolls back with it), refusals in a transaction
 * of their own after the refused change has been rolled back. Who and from where are taken from the
 * current request so callers cannot forget them.
 */
@Component
public class AuditLog {

    /**
     * The principal of records the server makes on its own behalf: start and stop, scheduled jobs, keys
     * and bindings it creates for itself. One spelling, so a search for them finds them all.
     */
    public static final String SYSTEM = "system";

    private static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;
    private final ChainHeadLock headLock;
    private final TransactionTemplate transactions;
    private final Checkpoints checkpoints;
    private final LiveCopy liveCopy;
    private final AuditStore store;
    private final ConfigurationGeneration generation;
    private final ReceiptKey receiptKey;
    private final int checkpointEvery;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, ChainHeadLock headLock, TransactionTemplate transactions, Checkpoints checkpoints, LiveCopy liveCopy,
             AuditStore store, ConfigurationGeneration generation, ReceiptKey receiptKey, InkanProperties properties,
             Clock clock) {
        this.jdbc = jdbc;
        this.headLock = headLock;
        this.transactions = transactions;
        this.checkpoints = checkpoints;
        this.liveCopy = liveCopy;
        this.store = store;
        this.generation = generation;
        this.receiptKey = receiptKey;
        this.checkpointEvery = Math.max(1, properties.audit().checkpointEvery());
        this.clock = clock;
    }

    public void record(AuditAction action, Outcome outcome, String project, String detail) {
        record(action, outcome, project, detail, null);
    }

    /**
     * Records an event of the current principal with structured {@code data} (e.g. every digest of a
     * batch) that the chain covers in full, whatever the length of {@code detail}.
     */
    public AuditReceipt record(AuditAction action, Outcome outcome, String project, String detail, Map<String, ?> data) {
        InkanPrincipal principal = Access.currentOrNull();
        return append(principal == null ? null : principal.name() + " (" + principal.id() + ")", action, outcome, project,
                detail, data);
    }

    /** For events without an authenticated principal, e.g. a refused credential or server start-up. */
    public void record(String principal, AuditAction action, Outcome outcome, String project, String detail) {
        append(principal, action, outcome, project, detail, null);
    }

    /** Most recent first. */
    public List<AuditEntry> recent(int limit) {
        return store.recent(limit);
    }

    /** Appends a record and answers its receipt: position, hash and this node's signed promise of inclusion. */
    private AuditReceipt append(String principal, AuditAction action, Outcome outcome, String project, String detail,
                                Map<String, ?> data) {
        // Everything that does not depend on the chain head is prepared before its row is locked.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String json = data == null ? null : AuditChain.canonicalJson(data);
        String source = sourceAddress();
        String storedDetail = truncate(detail);
        boolean changesConfiguration = changesConfiguration(action, outcome);
        Function<ChainHead, Promised> chainedTo = head -> {
            AuditEntry entry = AuditChain.seal(new AuditEntry(head.seq() + 1, now.toString(), principal, source, action.value(),
                    outcome.name(), project, storedDetail, json, head.hash(), null));
            return new Promised(entry, receiptKey.promise(entry, now));
        };
        AuditReceipt receipt = transactions.execute(status -> {
            Promised promised = moveHead(chainedTo, changesConfiguration);
            AuditEntry entry = promised.entry();
            String promise = promised.promise();
            jdbc.sql("""
                            INSERT INTO audit_records (seq, occurred_at, principal, source, action, outcome, project,
                                                       detail, data, prev_hash, hash, promise)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(entry.seq(), now.atOffset(ZoneOffset.UTC), entry.principal(), entry.source(), entry.action(),
                            entry.outcome(), entry.project(), entry.detail(), entry.data(), entry.prevHash(), entry.hash(),
                            promise)
                    .update();
            receiptKey.written(entry);
            liveCopy.afterCommit(entry);
            return new AuditReceipt(receiptKey.origin(), entry.seq(), entry.hash(), promise, receiptKey.statement());
        });
        if (changesConfiguration) {
            generation.changed();
        }
        return receipt;
    }

    /** A record chained to the head, with this node's signed promise of its inclusion. */
    private record Promised(AuditEntry entry, String promise) {
    }

    /**
     * Moves the chain head onto the record {@code chainedTo} makes of it, inside the current transaction, and
     * answers that record: in one statement if the head is still where this node expects it (the record and
     * its promise made before the row is locked), else after locking and reading it; a checkpoint that falls
     * due is signed on the second way.
     */
    private Promised moveHead(Function<ChainHead, Promised> chainedTo, boolean changesConfiguration) {
        ChainHead expected = headLock.expected();
        if (expected != null) {
            Promised promised = chainedTo.apply(expected);
            ChainHead next = expected.append(promised.entry().seq(), promised.entry().hash(), changesConfiguration);
            if (!checkpointDue(next) && headLock.move(expected, next)) {
                return promised;
            }
        }
        ChainHead head = headLock.lock();
        Promised promised = chainedTo.apply(head);
        AuditEntry entry = promised.entry();
        ChainHead next = head.append(entry.seq(), entry.hash(), changesConfiguration);
        headLock.store(checkpointDue(next) ? checkpoints.sign(next, TreeHead.Kind.COUNT) : next);
        return promised;
    }

    private boolean checkpointDue(ChainHead head) {
        return head.seq() - head.checkpointSeq() >= checkpointEvery;
    }

    /**
     * Whether a record describes a configuration change, which invalidates every node's cached
     * configuration (decisions 013, 019): refusals change nothing by rule; otherwise the action says
     * ({@link AuditAction#changesConfiguration()}).
     */
    static boolean changesConfiguration(AuditAction action, Outcome outcome) {
        if (outcome == Outcome.DENIED || outcome == Outcome.REJECTED) {
            return false;
        }
        return action.changesConfiguration();
    }

    private static String sourceAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL) {
            return detail;
        }
        int end = Character.isHighSurrogate(detail.charAt(MAX_DETAIL - 1)) ? MAX_DETAIL - 1 : MAX_DETAIL;
        return detail.substring(0, end);
    }
}
