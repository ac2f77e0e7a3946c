package io.inkan.server.audit;

import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditExport;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes search results as JSON lines (the same record lines as a complete export) or as CSV
 * (RFC 4180 quoting, one header row) for spreadsheets, streaming them oldest first.
 */
@Component
class AuditExporter {

    static final String CSV_HEADER = "seq,time,principal,source,action,outcome,project,detail,data,prev_hash,hash";

    private final AuditStore store;
    private final TransactionTemplate transactions;

    AuditExporter(AuditStore store, TransactionTemplate transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    void export(AuditQuery query, Format format, Writer out) {
        transactions.executeWithoutResult(status -> {
            if (format == Format.CSV) {
                write(out, CSV_HEADER);
            }
            store.forEach(query, entry -> write(out, format == Format.CSV ? csv(entry) : AuditExport.recordLine(entry)));
        });
    }

    static String csv(AuditEntry e) {
        return String.join(",", String.valueOf(e.seq()), quote(e.time()), quote(e.principal()), quote(e.source()),
                quote(e.action()), quote(e.outcome()), quote(e.project()), quote(e.detail()), quote(e.data()),
                quote(e.prevHash()), quote(e.hash()));
    }

    /**
     * A quoted CSV cell. A value a spreadsheet would run as a formula (starting with {@code = + - @}, tab
     * or carriage return: a token name such as {@code =HYPERLINK(...)} becomes the principal cell) is
     * prefixed with {@code '}, which spreadsheets show as text (OWASP's CSV injection advice).
     */
    private static String quote(String value) {
        if (value == null) {
            return "";
        }
        String cell = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static void write(Writer out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The export formats. */
    enum Format {
        JSONL("application/jsonl", "jsonl"),
        CSV("text/csv", "csv");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        String mediaType() {
            return mediaType;
        }

        String extension() {
            return extension;
        }

        static Format parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Refusal(Problem.INVALID_FORMAT, "format must be 'jsonl' or 'csv'");
            }
        }
    }
}
