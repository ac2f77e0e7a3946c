package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditExport;
import io.inkan.client.audit.AuditPage;
import io.inkan.client.audit.AuditReport;
import io.inkan.client.audit.AuditVerification;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit trail for auditors and administrators: verify it (on the server, or offline from an export
 * with only the audit public key), search, export and monthly reports. Nothing here can change a record.
 */
@Command(name = "audit", description = "Verify, search, export and report on the audit trail (auditor, admin).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Search.class, AuditCommand.Export.class,
            AuditCommand.Report.class, AuditCommand.PublicKeyCommand.class})
final class AuditCommand {

    /** Exit code of {@code verify} when the trail is damaged. */
    static final int TAMPERED = ExitCodes.FAILURE;

    /** The search filters shared by {@code search} and {@code export}. */
    static final class Filters {
        @Option(names = "--from", paramLabel = "INSTANT", description = "From this time on (ISO-8601, e.g. 2026-11-01T00:00:00Z).")
        String from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Before this time (ISO-8601).")
        String to;

        @Option(names = "--project", paramLabel = "PROJECT")
        String project;

        @Option(names = "--principal", paramLabel = "TEXT", description = "Part of the principal (token name or id).")
        String principal;

        @Option(names = "--action", paramLabel = "ACTION", description = "e.g. sign, key.create, authenticate.")
        String action;

        @Option(names = "--outcome", paramLabel = "OUTCOME", description = "SUCCESS, DENIED, REJECTED or FAILED.")
        String outcome;

        @Option(names = "--digest", paramLabel = "DIGEST", description = "A signed digest, hex or base64.")
        String digest;

        Map<String, String> asMap() {
            Map<String, String> filters = new LinkedHashMap<>();
            filters.put("from", from);
            filters.put("to", to);
            filters.put("project", project);
            filters.put("principal", principal);
            filters.put("action", action);
            filters.put("outcome", outcome);
            filters.put("digest", digest);
            return filters;
        }
    }

    @Command(name = "verify", description = {
        "Prove the trail intact up to its last signed checkpoint, or name the first record that was modified,",
        "removed, inserted or reordered. With --export and --public-key, verify an export offline."})
    static final class Verify extends BaseCommand {
        @ArgGroup(exclusive = false)
        Offline offline;

        @Mixin
        OutputOptions output;

        static final class Offline {
            @Option(names = "--export", required = true, paramLabel = "FILE", description = "A complete JSON-lines export.")
            Path export;

            @Option(names = "--public-key", required = true, paramLabel = "PEM", description = "The audit public key (inkan audit public-key).")
            Path publicKey;
        }

        @Override
        void run() throws IOException {
            AuditVerification result = offline == null ? client().verifyAudit()
                    : AuditExport.verify(offline.export, readPublicKey(offline.publicKey));
            if (output.json) {
                output.print(out(), result, null);
            } else {
                out().println((result.intact() ? "INTACT: " : "TAMPERED: ") + result.message());
            }
            if (!result.intact()) {
                throw new CliException(TAMPERED, "audit trail damaged",
                        result.problem() + " at record " + result.firstBadSeq());
            }
        }
    }

    @Command(name = "search", description = "Search records, newest first.")
    static final class Search extends BaseCommand {
        @Mixin
        Filters filters = new Filters();

        @Option(names = "--page", paramLabel = "N", defaultValue = "0")
        int page;

        @Option(names = "--size", paramLabel = "N", defaultValue = "50", description = "Records per page (at most 1000).")
        int size;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            AuditPage result = client().searchAudit(filters.asMap(), page, size);
            output.print(out(), result, () -> {
                Table table = new Table("SEQ", "TIME", "PRINCIPAL", "ACTION", "OUTCOME", "PROJECT", "DETAIL");
                for (AuditEntry e : result.records()) {
                    table.row(Long.toString(e.seq()), e.time(), e.principal(), e.action(), e.outcome(), e.project(), e.detail());
                }
                return table;
            });
            if (!output.json && result.more()) {
                err().printf("More records: --page %d%n", page + 1);
            }
        }
    }

    @Command(name = "export", description = {
        "Export records as JSON lines or CSV. Without filters, an administrator's JSON-lines export is complete",
        "(chain head, checkpoints, records) and can be verified offline with 'inkan audit verify --export'."})
    static final class Export extends BaseCommand {
        @Mixin
        Filters filters = new Filters();

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl or csv.")
        String format;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE")
        Path output;

        @Override
        void run() {
            client().exportAudit(filters.asMap(), format, output);
            err().printf("Exported to %s%n", output);
        }
    }

    @Command(name = "report", description = "A project's monthly report: signatures per signer, key and profile, refusals.")
    static final class Report extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--month", required = true, paramLabel = "YYYY-MM")
        String month;

        @Option(names = "--html", description = "Print the readable HTML page instead of JSON.")
        boolean html;

        @Override
        void run() {
            if (html) {
                out().print(client().auditReportHtml(project, month));
                return;
            }
            AuditReport report = client().auditReport(project, month);
            out().println(InkanJson.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
    }

    @Command(name = "public-key", description = "Print the audit key's public key (PEM) for offline verification.")
    static final class PublicKeyCommand extends BaseCommand {
        @Override
        void run() {
            out().print(client().auditPublicKey());
        }
    }

    static PublicKey readPublicKey(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "invalid public key", pem + " is not a PEM EC public key");
        }
    }
}
