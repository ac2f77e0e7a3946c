package io.inkan.client;

import io.inkan.client.audit.AuditConsistencyProof;
import io.inkan.client.audit.AuditInclusionProof;
import io.inkan.client.audit.AuditKeySet;
import io.inkan.client.audit.AuditLogSource;
import io.inkan.client.audit.AuditPage;
import io.inkan.client.audit.AuditReport;
import io.inkan.client.audit.AuditVerification;

import java.nio.file.Path;
import java.util.Map;

/**
 * The audit trail: search, export, reports, the audit keys, and the transparency log's checkpoints and
 * proofs. It is the live {@link AuditLogSource} the verification flows ({@code LogConsistency},
 * {@code ReceiptProof}) read, so no adapter stands between them.
 */
public interface AuditClient extends AuditLogSource {

    /** Checks the whole audit trail on the server (auditors and administrators). */
    AuditVerification verify();

    /**
     * One page of audit records, newest first.
     *
     * @param filters any of {@code from}, {@code to} (ISO instants), {@code project}, {@code principal},
     *                {@code action}, {@code outcome}, {@code digest}
     */
    AuditPage search(Map<String, String> filters, int page, int size);

    /**
     * Streams an export to {@code output}: {@code jsonl} or {@code csv}. Without filters, an
     * administrator's JSON-lines export is complete (head, checkpoints, records) and verifiable offline.
     */
    void export(Map<String, String> filters, String format, Path output);

    /** The audit key's public key as PEM, for offline verification of exports. */
    String publicKey();

    /** The latest signed checkpoint of the audit log, a C2SP signed note (any authenticated caller). */
    @Override
    String checkpoint();

    /** The checkpoint of tree size {@code size}; a {@code …/no-checkpoint} problem if there is none. */
    String checkpoint(long size);

    /** Every audit key the log has used, retired ones included, so verification spans rotations. */
    AuditKeySet keys();

    /**
     * Makes a new audit key sign from now on (key custodians); the old one is retired but stays published.
     * Answers the new key's ID (eight hex digits).
     */
    String rotateKey();

    AuditReport report(String project, String month);

    /** The monthly report as a standalone HTML page. */
    String reportHtml(String project, String month);

    @Override
    AuditInclusionProof inclusionProof(long record, long size);

    @Override
    AuditConsistencyProof consistencyProof(long from, long to);
}
