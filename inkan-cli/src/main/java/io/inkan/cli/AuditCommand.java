package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditExport;
import io.inkan.client.audit.AuditPage;
import io.inkan.client.audit.AuditReport;
import io.inkan.client.audit.AuditReceipt;
import io.inkan.client.audit.AuditVerification;
import io.inkan.client.audit.LogConsistency;
import io.inkan.client.audit.LogVerdict;
import io.inkan.client.audit.NoteKey;
import io.inkan.client.audit.ReceiptProof;
import io.inkan.client.audit.SignedNote;
import io.inkan.client.audit.TreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit trail for auditors and administrators: verify it (on the server, or offline from an export
 * with only the audit public key), search, export and monthly reports; and, for anyone who keeps evidence
 * outside the server, save signed checkpoints, prove the log only grew since one, and prove that the
 * records of signing receipts are still in it. Nothing here can change a record.
 */
@Command(name = "audit", description = "Verify, search, export and report on the audit trail (auditor, admin).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Search.class, AuditCommand.Export.class,
            AuditCommand.Report.class, AuditCommand.PublicKeyCommand.class, AuditCommand.CheckpointCommand.class,
            AuditCommand.Prove.class, AuditCommand.RotateKey.class})
final class AuditCommand {

    /** Exit code of {@code verify} and {@code prove} when the trail is damaged. */
    static final int TAMPERED = ExitCodes.FAILURE;

    private static final JsonMapper RECEIPTS = InkanJson.newMapper();

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
        "removed, inserted or reordered. With --export and --public-key, verify an export offline.",
        "With --since CHECKPOINT (saved earlier by 'inkan audit checkpoint'), prove the log only grew since:",
        "exit 0 intact, 1 tampered (truncated, rewritten, forged, deleted), 7 could not verify."})
    static final class Verify extends BaseCommand {
        @Option(names = "--export", paramLabel = "FILE", description = "A complete JSON-lines export (needs --public-key).")
        Path export;

        @Option(names = "--since", paramLabel = "CHECKPOINT", description = "A checkpoint saved outside the server.")
        Path since;

        @Option(names = "--public-key", paramLabel = "PEM", description = {
            "The audit public key (inkan audit public-key). With --since: trust only this key (repeatable, e.g.",
            "the keys before and after a rotation) instead of the keys the server publishes."})
        List<Path> publicKeys = new ArrayList<>();

        @Mixin
        OutputOptions output;

        @Override
        void run() throws IOException {
            if (export != null && since != null) {
                throw new CliException(ExitCodes.USAGE, "conflicting options", "--export and --since do not go together");
            }
            if (since != null) {
                verifySince();
                return;
            }
            if (export == null && !publicKeys.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "missing option", "--public-key goes with --export or --since");
            }
            if (export != null && publicKeys.size() != 1) {
                throw new CliException(ExitCodes.USAGE, "missing option", "--export needs exactly one --public-key");
            }
            AuditVerification result = export == null ? client().audit().verify()
                    : AuditExport.verify(export, readPublicKey(publicKeys.get(0)));
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

        private void verifySince() throws IOException {
            String saved = Files.readString(since, StandardCharsets.UTF_8);
            String origin;
            try {
                origin = TreeHead.parse(SignedNote.parse(saved).text()).origin();
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "not a checkpoint", since + ": " + e.getMessage());
            }
            List<NoteKey> keys = publicKeys.isEmpty() ? client().audit().keys().noteKeys()
                    : pinnedKeys(publicKeys, origin);
            LogVerdict verdict = LogConsistency.since(saved, keys, client().audit());
            if (output.json) {
                output.printJson(out(), verdict);
            } else {
                out().println(verdict.outcome() + ": " + verdict.message());
            }
            failUnlessIntact(List.of(verdict));
        }
    }

    @Command(name = "checkpoint", description = {
        "Print the audit log's latest signed checkpoint (a signed note) to keep outside the server:",
        "inkan audit checkpoint > cp.txt; later, inkan audit verify --since cp.txt."})
    static final class CheckpointCommand extends BaseCommand {
        @Option(names = "--size", paramLabel = "N", description = "The checkpoint of tree size N instead of the latest.")
        Long size;

        @Override
        void run() {
            out().print(size == null ? client().audit().checkpoint() : client().audit().checkpoint(size));
        }
    }

    @Command(name = "rotate-key", description = {
        "Make a new audit key sign checkpoints and receipt keys from now on (key custodians). The old key is",
        "retired but stays published, so earlier checkpoints and receipts still verify; auditors who pin keys",
        "add the new one (inkan audit public-key) with a second --public-key."})
    static final class RotateKey extends BaseCommand {
        @Override
        void run() {
            out().printf("Audit key rotated: checkpoints are now signed by key %s; earlier keys stay published%n",
                    client().audit().rotateKey());
        }
    }

    @Command(name = "prove", description = {
        "Prove that the records of receipts (FILE.inkan-receipt.json, written by inkan sign) are still in the",
        "audit log: exit 0 proven, 1 tampered (deleted, rewritten, truncated, forged), 7 could not verify yet."})
    static final class Prove extends BaseCommand {
        @Parameters(arity = "1..*", paramLabel = "RECEIPT", description = "Receipt files.")
        List<Path> receipts;

        @Option(names = "--public-key", paramLabel = "PEM", description = {
            "Trust only this audit key (repeatable) instead of the keys the server publishes."})
        List<Path> publicKeys = new ArrayList<>();

        @Mixin
        OutputOptions output;

        /** One receipt's verdict, as {@code --json} prints it. */
        record Proven(String receipt, LogVerdict verdict) {
        }

        @Override
        void run() throws IOException {
            Map<Path, AuditReceipt> read = new LinkedHashMap<>();
            for (Path file : receipts) {
                read.put(file, readReceipt(file));
            }
            List<Proven> results = new ArrayList<>();
            List<NoteKey> published = publicKeys.isEmpty() ? client().audit().keys().noteKeys() : null;
            for (Map.Entry<Path, AuditReceipt> receipt : read.entrySet()) {
                List<NoteKey> keys = published != null ? published : pinnedKeys(publicKeys, receipt.getValue().origin());
                LogVerdict verdict = ReceiptProof.prove(receipt.getValue(), keys, client().audit());
                results.add(new Proven(receipt.getKey().toString(), verdict));
                if (!output.json) {
                    out().println((verdict.intact() ? "PROVEN" : verdict.outcome()) + ": " + receipt.getKey() + ": "
                            + verdict.message());
                }
            }
            if (output.json) {
                output.printJson(out(), results);
            }
            failUnlessIntact(results.stream().map(Proven::verdict).toList());
        }
    }

    /** The receipt in {@code file}, which {@code inkan sign} wrote; anything else is bad input. */
    static AuditReceipt readReceipt(Path file) throws IOException {
        AuditReceipt receipt;
        try {
            receipt = RECEIPTS.readValue(Files.readString(file, StandardCharsets.UTF_8), AuditReceipt.class);
        } catch (JacksonException e) {
            throw new CliException(ExitCodes.USAGE, "not a receipt", file + ": " + e.getOriginalMessage());
        }
        if (receipt == null || receipt.origin() == null || receipt.index() < 1 || receipt.recordHash() == null
                || receipt.promise() == null || receipt.receiptKey() == null) {
            throw new CliException(ExitCodes.USAGE, "not a receipt",
                    file + ": it needs origin, index, recordHash, promise and receiptKey");
        }
        return receipt;
    }

    /**
     * The audit keys pinned with {@code --public-key} for the log {@code origin}, trusted instead of every key
     * the server publishes (which the commands take otherwise, retired ones included, so verification spans
     * rotations).
     */
    static List<NoteKey> pinnedKeys(List<Path> pinned, String origin) throws IOException {
        List<NoteKey> keys = new ArrayList<>();
        for (Path pem : pinned) {
            keys.add(NoteKey.ecdsa(origin, readPublicKey(pem)));
        }
        return keys;
    }

    /** Tampered wins over could-not-verify: exit 1 if any verdict is tampered, 7 if any is unverified. */
    static void failUnlessIntact(List<LogVerdict> verdicts) {
        List<LogVerdict> tampered = verdicts.stream().filter(v -> v.outcome() == LogVerdict.Outcome.TAMPERED).toList();
        if (!tampered.isEmpty()) {
            throw new CliException(TAMPERED, "audit log tampered", summary(tampered));
        }
        List<LogVerdict> unverified = verdicts.stream().filter(v -> v.outcome() == LogVerdict.Outcome.UNVERIFIED).toList();
        if (!unverified.isEmpty()) {
            throw new CliException(ExitCodes.UNVERIFIED, "audit log not verified", summary(unverified));
        }
    }

    private static String summary(List<LogVerdict> verdicts) {
        return verdicts.stream().map(v -> v.finding() + (v.record() == null ? "" : " at record " + v.record()))
                .collect(Collectors.joining("; "));
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
            AuditPage result = client().audit().search(filters.asMap(), page, size);
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
            client().audit().export(filters.asMap(), format, output);
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
                out().print(client().audit().reportHtml(project, month));
                return;
            }
            AuditReport report = client().audit().report(project, month);
            out().println(InkanJson.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
    }

    @Command(name = "public-key", description = "Print the audit key's public key (PEM) for offline verification.")
    static final class PublicKeyCommand extends BaseCommand {
        @Override
        void run() {
            out().print(client().audit().publicKey());
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
