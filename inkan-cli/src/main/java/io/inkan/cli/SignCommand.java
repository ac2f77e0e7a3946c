package io.inkan.cli;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.Formats;
import io.inkan.cli.formats.PreparedFormat;
import io.inkan.cli.formats.SigningSetup;
import io.inkan.client.FileDigests;
import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.client.InkanJson;
import io.inkan.client.SignatureBatch;
import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.ReceiptView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Signs files without sending them. Each file's format is detected from its name (or forced with
 * {@code --format}): raw files are hashed locally and written as {@code FILE.sig} with the signing key
 * as {@code PROFILE.pub.pem}; archives get their signature embedded by the format's own library through
 * the Inkan JCA provider. Every file is signed on its own thread inside one {@link SignatureBatch}, so
 * the digests of all files, whatever their format, travel together: one request per round of
 * signatures (an APK signs three times, so three rounds), not one per file. Nothing is written unless
 * every file was signed, and no output file is ever left half-written. The audit log's receipt for each
 * file's signing request is written beside its output ({@code FILE.inkan-receipt.json}), evidence outside
 * the server that {@code inkan audit prove} checks later.
 */
@Command(name = "sign", description = SignCommand.SUMMARY)
final class SignCommand extends BaseCommand {

    /** The first line of the help; {@link #description()} adds what the formats say about themselves. */
    static final String SUMMARY = "Sign files: hash them locally and let the server sign the digests.";

    /** Digests per request: the server's default {@code inkan.signing.max-batch-size}. */
    static final int MAX_BATCH = 1000;

    /** The name of a file's receipt is the file's name with this added. */
    static final String RECEIPT_SUFFIX = ".inkan-receipt.json";

    private static final ObjectWriter RECEIPT_JSON = InkanJson.newMapper().writerWithDefaultPrettyPrinter();

    /** The names of the formats whose signatures can carry an RFC 3161 time-stamp here. */
    private static final List<String> TIMESTAMPED = Formats.ALL.stream().filter(Format::timestamped)
            .map(Format::name).toList();

    @Option(names = "--format", paramLabel = "FORMAT", converter = Converters.FormatNames.class,
            completionCandidates = Converters.FormatNames.class,
            description = "Force one format for all files: ${COMPLETION-CANDIDATES}. Default: detected per file.")
    Format format;

    @Option(names = "--project", required = true, paramLabel = "PROJECT")
    String project;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE")
    String profile;

    @Option(names = "--algorithm", paramLabel = "ALG", converter = Converters.SignatureAlgorithms.class,
            completionCandidates = Converters.SignatureAlgorithms.class,
            description = "Default: RSA_PKCS1_SHA256 for RSA keys, ECDSA_SHA256/384/512 for P-256/384/521 keys, "
                    + "ED25519 for Ed25519 keys (not for raw), if the profile allows it.")
    SignatureAlgorithm algorithm;

    @Option(names = "--tsa", paramLabel = "URL",
            description = "RFC 3161 time-stamping authority for the formats that carry time-stamps (listed above). "
                    + "Default: the profile's authority, if it has one (through the server).")
    URI tsa;

    @Mixin
    SecondFactorOptions secondFactor;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where to write the outputs; created if missing.")
    Path outputDir;

    @Mixin
    ApprovalOptions approval;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to sign.")
    List<Path> files;

    /** One input, its format and where its signed output goes. */
    private record Job(Path file, Format format, Path target) {
    }

    @Override
    void run() throws IOException {
        long started = System.nanoTime();
        List<Job> jobs = jobs();
        List<Path> hashedHere = jobs.stream().filter(j -> j.format().hashedLocally()).map(Job::file).toList();
        // Hashing starts before the server is asked anything: a large file takes longer than all the look-ups.
        DigestAlgorithm expected = algorithm != null && algorithm.isPrehashed() ? algorithm.digest() : DigestAlgorithm.SHA256;
        try (FileDigests digests = FileDigests.startHashing(hashedHere, expected)) {
            sign(jobs, digests, started);
        }
    }

    private void sign(List<Job> jobs, FileDigests digests, long started) throws IOException {
        InkanClient client = secondFactor.apply(client());
        SignatureAlgorithm chosen = algorithm != null ? algorithm : defaultAlgorithm(client);
        List<Format> used = Formats.ALL.stream().filter(f -> jobs.stream().anyMatch(j -> j.format() == f)).toList();
        for (Format usedFormat : used) {
            usedFormat.refuse(chosen).ifPresent(refusal -> {
                throw new CliException(ExitCodes.USAGE, refusal.title(), refusal.detail());
            });
        }
        if (outputDir != null) {
            Files.createDirectories(outputDir);
        }
        long totalBytes = 0;
        for (Job job : jobs) {
            totalBytes += Files.size(job.file());
        }
        ProgressBar progress = ProgressBar.forTerminal(err(), jobs.size(), totalBytes);
        SignatureBatch batch = new SignatureBatch(client.signing(), MAX_BATCH,
                (projectName, profileName, signatureAlgorithm, items) ->
                        approval.sign(client, out(), projectName, profileName, signatureAlgorithm, items));
        Path publicKey = null;
        Path certificates = null;
        int receiptsWritten;
        try (ProfileTimestamps timestamps = ProfileTimestamps.open(client, project, profile, tsa,
                used.stream().anyMatch(Format::timestamped));
             StagedFiles staged = new StagedFiles()) {
            tsa = timestamps.url();
            Map<Format, PreparedFormat> prepared = new LinkedHashMap<>();
            SigningSetup setup = new SigningSetup(client, project, profile, chosen, tsa, digests, MAX_BATCH,
                    err()::println);
            for (Format usedFormat : used) {
                prepared.put(usedFormat, usedFormat.prepare(setup));
            }
            List<String> failures = new ArrayList<>();
            Set<Throwable> causes = Collections.newSetFromMap(new IdentityHashMap<>());
            int exitCode = ExitCodes.OK;
            Map<Job, ReceiptView> receipts = new LinkedHashMap<>();
            for (int start = 0; start < jobs.size(); start += MAX_BATCH) {
                List<Job> wave = jobs.subList(start, Math.min(jobs.size(), start + MAX_BATCH));
                List<SignatureBatch.Task> tasks = wave.stream().map(job -> (SignatureBatch.Task) () ->
                        signFile(job, prepared.get(job.format()), staged)).toList();
                List<String> artifacts = wave.stream().map(job -> job.file().getFileName().toString()).toList();
                List<Throwable> outcomes = batch.runAll(tasks, artifacts, index -> progress.advance(size(wave.get(index))));
                for (int i = 0; i < wave.size(); i++) {
                    if (batch.receipt(i) != null) {
                        receipts.put(wave.get(i), batch.receipt(i));
                    }
                    if (outcomes.get(i) != null) {
                        causes.add(outcomes.get(i));
                        Failure failure = Failure.of(outcomes.get(i));
                        exitCode = exitCode == ExitCodes.OK ? failure.exitCode() : exitCode;
                        failures.add(wave.get(i).file() + ": " + failure.message().substring("inkan: ".length()));
                    }
                }
            }
            progress.finish();
            if (failures.size() == jobs.size() && causes.size() == 1
                    && causes.iterator().next() instanceof InkanException shared) {
                // One answer for all of them (the server refused the request or cannot be reached): say it once.
                throw shared;
            }
            if (!failures.isEmpty()) {
                throw new CliException(exitCode, "not every file could be signed, nothing written",
                        String.join("; ", failures));
            }
            Format keyPublisher = used.stream().filter(Format::publishesPublicKey).findFirst().orElse(null);
            Path keyDirectory = outputDir != null ? outputDir : jobs.stream()
                    .filter(j -> keyPublisher == null || j.format() == keyPublisher).findFirst().orElseThrow()
                    .target().getParent();
            if (keyPublisher != null) {
                publicKey = keyDirectory.resolve(profile + ".pub.pem");
                staged.stage(publicKey, Pem.publicKey(prepared.get(keyPublisher).publicKey())
                        .getBytes(StandardCharsets.US_ASCII));
            }
            String chain = certificateChainPem(setup, prepared.values());
            if (!chain.isEmpty()) {
                certificates = keyDirectory.resolve(profile + ".crt");
                staged.stage(certificates, chain.getBytes(StandardCharsets.US_ASCII));
            }
            for (Map.Entry<Job, ReceiptView> receipt : receipts.entrySet()) {
                staged.stage(receiptFile(receipt.getKey()), RECEIPT_JSON.writeValueAsBytes(receipt.getValue()));
            }
            receiptsWritten = receipts.size();
            staged.commit();
        }
        for (Job job : jobs) {
            out().printf("%s -> %s (%s)%n", job.file(), job.target(), job.format().name());
        }
        if (receiptsWritten > 0) {
            out().printf("Audit receipts: %d, as FILE%s next to each output (inkan audit prove)%n", receiptsWritten,
                    RECEIPT_SUFFIX);
        }
        if (certificates != null) {
            out().printf("Certificate chain: %s (what verifiers trust: -CAfile, --cert, keytool -importcert)%n",
                    certificates);
        }
        if (publicKey != null) {
            out().printf("Public key: %s (%s)%n", publicKey, chosen);
        } else {
            out().printf("Signed with %s%n", chosen);
        }
        out().println(summary(jobs, totalBytes, batch.requests(), System.nanoTime() - started));
    }

    /** E.g. "Signed 5 files (2.1 MiB: jar 2, apk 1, raw 2) in 3 signing requests, 1.4 s". */
    private static String summary(List<Job> jobs, long bytes, int requests, long nanos) {
        String formats = Formats.ALL.stream()
                .map(format -> Map.entry(format, jobs.stream().filter(job -> job.format() == format).count()))
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "Signed %d file%s (%s: %s) in %d signing request%s, %.1f s", jobs.size(),
                jobs.size() == 1 ? "" : "s", Sizes.human(bytes), formats, requests, requests == 1 ? "" : "s", nanos / 1e9);
    }

    private static long size(Job job) {
        try {
            return Files.size(job.file());
        } catch (IOException e) {
            return 0;
        }
    }

    /** Formats and output paths, checked before anything is sent: inputs must exist and outputs must not collide. */
    private List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.USAGE, "no such file", file.toString());
            }
            Format detected = format != null ? format : Formats.detect(file);
            Path directory = outputDir != null ? outputDir : file.toAbsolutePath().getParent();
            Path target = directory.resolve(detected.outputName(file.getFileName().toString()));
            if (tsa != null && !detected.timestamped()) {
                throw new CliException(ExitCodes.USAGE, "no time-stamps for " + detected.name(),
                        file + ": --tsa applies to " + TIMESTAMPED + " only");
            }
            Job job = new Job(file, detected, target);
            for (Path output : List.of(target, receiptFile(job))) {
                if (!seen.add(output.toAbsolutePath().normalize())) {
                    throw new CliException(ExitCodes.USAGE, "two inputs would write the same output", output.toString());
                }
            }
            jobs.add(job);
        }
        return jobs;
    }

    /**
     * Where the audit log's receipt for a job goes: {@code FILE.inkan-receipt.json} beside the job's
     * output, so it travels with the signature.
     */
    private static Path receiptFile(Job job) {
        return job.target().resolveSibling(job.file().getFileName() + RECEIPT_SUFFIX);
    }

    private SignatureAlgorithm defaultAlgorithm(InkanClient client) {
        ProfileView view = client.profiles().get(project, profile);
        return DefaultAlgorithm.choose(client.keys().get(project, view.key()), view);
    }

    /** Signs one file into its staged output; runs on the file's own thread of the batch. */
    private static void signFile(Job job, PreparedFormat format, StagedFiles staged) throws IOException {
        ArtifactSigner signer = format.signer();
        try (OutputStream out = staged.open(job.target())) {
            signer.sign(job.file(), out);
        }
    }

    /**
     * The signer's certificate chain, leaf first, as PEM: from the key entry that library-driven formats
     * looked up, else as a format learned it while signing (raw); empty when neither knows it.
     */
    private static String certificateChainPem(SigningSetup setup, Collection<PreparedFormat> prepared)
            throws IOException {
        List<byte[]> chain = setup.loadedCertificateChain();
        for (Iterator<PreparedFormat> formats = prepared.iterator(); chain.isEmpty() && formats.hasNext(); ) {
            chain = formats.next().certificateChain();
        }
        StringBuilder pem = new StringBuilder();
        chain.forEach(der -> pem.append(Pem.encode("CERTIFICATE", der)));
        return pem.toString();
    }

    /**
     * The command's description, written from {@link Formats#ALL} so that a new format describes itself where
     * it is implemented rather than here.
     */
    static String[] description() {
        return new String[] {
            SUMMARY,
            "Formats (detected from the name unless --format is given): " + Formats.ALL.stream()
                    .map(format -> format.name() + " " + format.help()).collect(Collectors.joining("; "))
                    + ". Time-stamped (--tsa or the profile's authority): " + String.join(", ", TIMESTAMPED)
                    + ". "
                    + "Raw outputs go into --output-dir or else next to each FILE "
                    + "(the key next to the first one). "
                    + "The signer's certificate chain is written as PROFILE.crt beside the key (or the first "
                    + "output), for verifiers' -CAfile. "
                    + "Nothing is written unless every file was signed. All files' digests are sent together, "
                    + "in one request per round of signatures; a progress bar is drawn on a terminal and a "
                    + "summary printed. The audit log's receipt of each file's request is written as "
                    + "FILE.inkan-receipt.json beside its output (check it with 'inkan audit prove RECEIPT').",
            "Verify with: " + Formats.ALL.stream().map(Format::verification).filter(Objects::nonNull)
                    .collect(Collectors.joining("; "))};
    }
}
