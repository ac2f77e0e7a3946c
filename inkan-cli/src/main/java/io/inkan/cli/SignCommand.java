package io.inkan.cli;

import io.inkan.cli.formats.ArtifactSigner;
import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.apk.ApkFormat;
import io.inkan.cli.formats.authenticode.AuthenticodeFormat;
import io.inkan.cli.formats.cms.CmsFormat;
import io.inkan.cli.formats.pgp.PgpKey;
import io.inkan.cli.formats.tsa.TimestampClient;
import io.inkan.cli.formats.xml.XmlDsigFormat;
import io.inkan.cli.formats.jar.JarFormat;
import io.inkan.client.FileDigests;
import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.client.InkanJson;
import io.inkan.client.SignatureBatch;
import io.inkan.client.jca.InkanProvider;
import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.ReceiptView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
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
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
@Command(name = "sign", description = {
    "Sign files: hash them locally and let the server sign the digests.",
    "Formats (detected from the name unless --format is given): raw writes FILE.sig (the raw signature bytes) "
            + "and PROFILE.pub.pem; jar signs .jar/.war/.ear in place (or into --output-dir) like jarsigner; "
            + "cms (only with --format) writes FILE.p7s, a detached DER CMS signature; "
            + "pgp (only with --format) writes FILE.asc, an armored OpenPGP detached signature; "
            + "authenticode signs .exe/.dll/.sys/.efi/.msi/.cab/.ps1/.psm1/.psd1, apk signs .apk (v1/v2/v3) and "
            + "xml adds an enveloped XML signature to .xml, "
            + "in place (or into --output-dir). "
            + "Raw outputs go into --output-dir or else next to each FILE (the key next to the first one). "
            + "Nothing is written unless every file was signed. All files' digests are sent together, "
            + "in one request per round of signatures; a progress bar is drawn on a terminal and a summary printed. "
            + "The audit log's receipt of each file's request is written as FILE.inkan-receipt.json beside its "
            + "output (check it with 'inkan audit prove RECEIPT').",
    "Verify with: openssl dgst -sha256 -verify PROFILE.pub.pem -signature FILE.sig FILE; jarsigner -verify FILE.jar; "
            + "openssl cms -verify -binary -inform DER -in FILE.p7s -content FILE -purpose any -CAfile CERT"})
final class SignCommand extends BaseCommand {

    /** Digests per request: the server's default {@code inkan.signing.max-batch-size}. */
    static final int MAX_BATCH = 1000;

    /** The name of a file's receipt is the file's name with this added. */
    static final String RECEIPT_SUFFIX = ".inkan-receipt.json";

    private static final ObjectWriter RECEIPT_JSON = InkanJson.newMapper().writerWithDefaultPrettyPrinter();

    /** Formats whose signatures can carry an RFC 3161 time-stamp here. */
    private static final Set<Format> TIMESTAMPED = EnumSet.of(Format.jar, Format.cms, Format.authenticode);

    @Option(names = "--format", paramLabel = "FORMAT",
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
            description = "RFC 3161 time-stamping authority to time-stamp jar, cms and authenticode signatures. "
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
        List<Path> hashedHere = jobs.stream().filter(j -> j.format() == Format.raw || j.format() == Format.cms)
                .map(Job::file).toList();
        // Hashing starts before the server is asked anything: a large file takes longer than all the look-ups.
        DigestAlgorithm expected = algorithm != null && algorithm.isPrehashed() ? algorithm.digest() : DigestAlgorithm.SHA256;
        try (FileDigests digests = FileDigests.startHashing(hashedHere, expected)) {
            sign(jobs, digests, started);
        }
    }

    private void sign(List<Job> jobs, FileDigests digests, long started) throws IOException {
        InkanClient client = secondFactor.apply(client());
        SignatureAlgorithm chosen = algorithm != null ? algorithm : defaultAlgorithm(client);
        boolean anyRaw = jobs.stream().anyMatch(j -> j.format() == Format.raw);
        if (anyRaw && !chosen.isPrehashed()) {
            throw new CliException(ExitCodes.USAGE, "Ed25519 cannot sign files by digest",
                    "pure Ed25519 signs the whole message, not a hash; for inputs of at most "
                            + SignatureAlgorithm.MAX_PURE_INPUT + " bytes use "
                            + "'inkan sign-hash --algorithm ED25519 --data BASE64'");
        }
        if (jobs.stream().anyMatch(j -> j.format() != Format.raw) && chosen.encoding() == SignatureAlgorithm.Encoding.P1363) {
            throw new CliException(ExitCodes.USAGE, "unsuitable algorithm",
                    "signed artifacts use DER ECDSA, not " + chosen + "; pick the algorithm without _P1363");
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
        int receiptsWritten;
        try (ProfileTimestamps timestamps = ProfileTimestamps.open(client, project, profile, tsa,
                jobs.stream().anyMatch(j -> TIMESTAMPED.contains(j.format())));
             StagedFiles staged = new StagedFiles()) {
            tsa = timestamps.url();
            Signers signers = new Signers(client, chosen, jobs, digests);
            List<String> failures = new ArrayList<>();
            Set<Throwable> causes = Collections.newSetFromMap(new IdentityHashMap<>());
            int exitCode = ExitCodes.OK;
            Map<Job, ReceiptView> receipts = new LinkedHashMap<>();
            for (int start = 0; start < jobs.size(); start += MAX_BATCH) {
                List<Job> wave = jobs.subList(start, Math.min(jobs.size(), start + MAX_BATCH));
                List<SignatureBatch.Task> tasks = wave.stream()
                        .map(job -> (SignatureBatch.Task) () -> signers.sign(job, staged)).toList();
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
            if (anyRaw) {
                Path keyDirectory = outputDir != null ? outputDir : jobs.stream().filter(j -> j.format() == Format.raw)
                        .findFirst().orElseThrow().target().getParent();
                publicKey = keyDirectory.resolve(profile + ".pub.pem");
                staged.stage(publicKey, Pem.publicKey(decode(signers.rawPublicKey())).getBytes(StandardCharsets.US_ASCII));
            }
            for (Map.Entry<Job, ReceiptView> receipt : receipts.entrySet()) {
                staged.stage(receiptFile(receipt.getKey()), RECEIPT_JSON.writeValueAsBytes(receipt.getValue()));
            }
            receiptsWritten = receipts.size();
            staged.commit();
        }
        for (Job job : jobs) {
            out().printf("%s -> %s (%s)%n", job.file(), job.target(), job.format());
        }
        if (receiptsWritten > 0) {
            out().printf("Audit receipts: %d, as FILE%s next to each output (inkan audit prove)%n", receiptsWritten,
                    RECEIPT_SUFFIX);
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
        Map<Format, Long> counts = new EnumMap<>(Format.class);
        jobs.forEach(job -> counts.merge(job.format(), 1L, Long::sum));
        String formats = counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
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
            Format detected = format != null ? format : Format.detect(file);
            Path directory = outputDir != null ? outputDir : file.toAbsolutePath().getParent();
            Path target = directory.resolve(detected.outputName(file.getFileName().toString()));
            if (tsa != null && !TIMESTAMPED.contains(detected)) {
                throw new CliException(ExitCodes.USAGE, "no time-stamps for " + detected,
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

    /**
     * What signs each format, set up once per command (key look-ups happen here, not per file); each file
     * gets its own format signer, since the libraries keep per-artifact state.
     */
    private final class Signers {

        private final InkanClient client;
        private final SignatureAlgorithm chosen;
        private final InkanProvider provider;
        private final KeyStore.PrivateKeyEntry key;
        private final CmsFormat cms;
        private final PgpKey pgp;
        private final FileDigests digests;
        private final AtomicReference<String> rawPublicKey = new AtomicReference<>();

        Signers(InkanClient client, SignatureAlgorithm chosen, List<Job> jobs, FileDigests digests) {
            this.client = client;
            this.chosen = chosen;
            this.digests = digests;
            boolean embedded = jobs.stream().anyMatch(j -> j.format() != Format.raw);
            this.provider = embedded ? new InkanProvider(client, project) : null;
            this.key = embedded ? provider.keyEntry(profile) : null;
            this.cms = jobs.stream().anyMatch(j -> j.format() == Format.cms)
                    ? new CmsFormat(client, project, profile, key.getCertificateChain(), chosen,
                            tsa == null ? null : new TimestampClient(tsa), MAX_BATCH, digests)
                    : null;
            this.pgp = jobs.stream().anyMatch(j -> j.format() == Format.pgp)
                    ? PgpKey.of(client, project, profile, chosen) : null;
        }

        /** Signs one file into its staged output; runs on the file's own thread of the batch. */
        void sign(Job job, StagedFiles staged) throws IOException {
            switch (job.format()) {
                case raw -> {
                    byte[] digest = digests.digest(job.file(), chosen.digest());
                    SignHashResponse response = client.signing().sign(project, profile, chosen, List.of(
                            SignHashRequest.Item.ofDigest(Base64.getEncoder().encodeToString(digest),
                                    job.file().getFileName().toString())));
                    rawPublicKey.set(response.publicKey());
                    staged.stage(job.target(), decode(response.signatures().get(0)));
                }
                case cms -> staged.stage(job.target(), cms.signAll(List.of(job.file())).get(0));
                default -> {
                    ArtifactSigner signer = artifactSigner(job.format());
                    try (OutputStream out = staged.open(job.target())) {
                        signer.sign(job.file(), out);
                    }
                }
            }
        }

        private ArtifactSigner artifactSigner(Format format) {
            return switch (format) {
                case jar -> new JarFormat(key, chosen.jcaName(), provider, profile, tsa);
                case pgp -> pgp.detachedSigner();
                case authenticode -> new AuthenticodeFormat(key, chosen, provider, tsa);
                case apk -> new ApkFormat(key, chosen, provider, profile);
                case xml -> new XmlDsigFormat(key, chosen, provider);
                case raw, cms -> throw new IllegalStateException(format + " files are signed without a format library");
            };
        }

        String rawPublicKey() {
            return rawPublicKey.get();
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(String.valueOf(base64));
        } catch (IllegalArgumentException e) {
            throw new InkanException("server sent a signature or key that is not base64");
        }
    }
}
