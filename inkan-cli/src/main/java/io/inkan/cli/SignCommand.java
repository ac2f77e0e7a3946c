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
import io.inkan.client.FileDigester;
import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.client.jca.InkanProvider;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Signs files without sending them. Each file's format is detected from its name (or forced with
 * {@code --format}): raw files are hashed locally and all their digests go to the server in one batch,
 * written as {@code FILE.sig} with the signing key as {@code PROFILE.pub.pem}; archives get their
 * signature embedded by the format's own library through the Inkan JCA provider. Nothing is written
 * unless every file was signed, and no output file is ever left half-written.
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
            + "Nothing is written unless every file was signed.",
    "Verify with: openssl dgst -sha256 -verify PROFILE.pub.pem -signature FILE.sig FILE; jarsigner -verify FILE.jar; "
            + "openssl cms -verify -binary -inform DER -in FILE.p7s -content FILE -purpose any -CAfile CERT"})
final class SignCommand extends BaseCommand {

    /** Digests per request: the server's default {@code inkan.signing.max-batch-size}. */
    static final int MAX_BATCH = 1000;

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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to sign.")
    List<Path> files;

    @Mixin
    ApprovalOptions approval;

    /** One input, its format and where its signed output goes. */
    private record Job(Path file, Format format, Path target) {
    }

    @Override
    void run() throws IOException {
        List<Job> jobs = jobs();
        InkanClient client = secondFactor.apply(client());
        SignatureAlgorithm chosen = algorithm != null ? algorithm : defaultAlgorithm(client);
        List<Job> raw = jobs.stream().filter(j -> j.format() == Format.raw).toList();
        if (!raw.isEmpty() && !chosen.isPrehashed()) {
            throw new CliException(ExitCodes.USAGE, "Ed25519 cannot sign files by digest",
                    "pure Ed25519 signs the whole message, not a hash; for inputs of at most "
                            + SignatureAlgorithm.MAX_PURE_INPUT + " bytes use "
                            + "'inkan sign-hash --algorithm ED25519 --data BASE64'");
        }
        if (outputDir != null) {
            Files.createDirectories(outputDir);
        }
        Path publicKey = null;
        try (ProfileTimestamps timestamps = ProfileTimestamps.open(client, project, profile, tsa,
                jobs.stream().anyMatch(j -> TIMESTAMPED.contains(j.format())));
             StagedFiles staged = new StagedFiles()) {
            tsa = timestamps.url();
            if (!raw.isEmpty()) {
                publicKey = signRaw(client, chosen, raw, staged);
            }
            List<Job> embedded = jobs.stream().filter(j -> j.format() != Format.raw).toList();
            if (!embedded.isEmpty()) {
                signWithProvider(client, chosen, embedded, staged);
            }
            staged.commit();
        }
        for (Job job : jobs) {
            out().printf("%s -> %s (%s)%n", job.file(), job.target(), job.format());
        }
        if (publicKey != null) {
            out().printf("Public key: %s (%s)%n", publicKey, chosen);
        } else {
            out().printf("Signed with %s%n", chosen);
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
            if (!seen.add(target.toAbsolutePath().normalize())) {
                throw new CliException(ExitCodes.USAGE, "two inputs would write the same output", target.toString());
            }
            jobs.add(new Job(file, detected, target));
        }
        return jobs;
    }

    private SignatureAlgorithm defaultAlgorithm(InkanClient client) {
        ProfileView view = client.getProfile(project, profile);
        return DefaultAlgorithm.choose(client.getKey(project, view.key()), view);
    }

    /**
     * Signs all raw files in as few requests as the server accepts ({@value #MAX_BATCH} digests each) and
     * stages their signatures and the public key; returns the key's path.
     */
    private Path signRaw(InkanClient client, SignatureAlgorithm chosen, List<Job> jobs, StagedFiles staged)
            throws IOException {
        String publicKeyBase64 = null;
        for (int start = 0; start < jobs.size(); start += MAX_BATCH) {
            List<Job> batch = jobs.subList(start, Math.min(jobs.size(), start + MAX_BATCH));
            List<SignHashRequest.Item> items = new ArrayList<>();
            for (Job job : batch) {
                byte[] digest = FileDigester.digest(job.file(), chosen.digest());
                items.add(SignHashRequest.Item.ofDigest(Base64.getEncoder().encodeToString(digest),
                        job.file().getFileName().toString()));
            }
            SignHashResponse response = approval.sign(client, out(), project, profile, chosen, items);
            for (int i = 0; i < batch.size(); i++) {
                staged.stage(batch.get(i).target(), decode(response.signatures().get(i)));
            }
            publicKeyBase64 = response.publicKey();
        }
        Path keyDirectory = outputDir != null ? outputDir : jobs.get(0).target().getParent();
        Path publicKey = keyDirectory.resolve(profile + ".pub.pem");
        staged.stage(publicKey, Pem.publicKey(decode(publicKeyBase64)).getBytes(StandardCharsets.US_ASCII));
        return publicKey;
    }

    /**
     * Signs each file through its format's library with the profile's remote key, one request per file
     * (the libraries sign one artifact at a time), except CMS, which is batched. A file that fails does not
     * stop the others, so the error names every file that could not be signed; then nothing is written.
     */
    private void signWithProvider(InkanClient client, SignatureAlgorithm chosen, List<Job> jobs, StagedFiles staged)
            throws IOException {
        if (chosen.encoding() == SignatureAlgorithm.Encoding.P1363) {
            throw new CliException(ExitCodes.USAGE, "unsuitable algorithm",
                    "signed artifacts use DER ECDSA, not " + chosen + "; pick the algorithm without _P1363");
        }
        InkanProvider provider = new InkanProvider(client, project);
        KeyStore.PrivateKeyEntry key = provider.keyEntry(profile);
        Map<Format, ArtifactSigner> signers = new EnumMap<>(Format.class);
        List<String> failures = new ArrayList<>();
        int exitCode = ExitCodes.OK;
        List<Job> cms = jobs.stream().filter(j -> j.format() == Format.cms).toList();
        if (!cms.isEmpty()) {
            try {
                signCms(client, key, chosen, cms, staged);
            } catch (Exception e) {
                Failure failure = Failure.of(e);
                exitCode = failure.exitCode();
                failures.add(cms.stream().map(j -> j.file().toString()).collect(Collectors.joining(", "))
                        + ": " + failure.message().substring("inkan: ".length()));
            }
        }
        for (Job job : jobs.stream().filter(j -> j.format() != Format.cms).toList()) {
            ArtifactSigner signer = signers.computeIfAbsent(job.format(), f -> switch (f) {
                case jar -> new JarFormat(key, chosen.jcaName(), provider, profile, tsa);
                case cms -> throw new IllegalStateException("cms files are signed in batches");
                case pgp -> PgpKey.of(client, project, profile, chosen).detachedSigner();
                case authenticode -> new AuthenticodeFormat(key, chosen, provider, tsa);
                case apk -> new ApkFormat(key, chosen, provider, profile);
                case xml -> new XmlDsigFormat(key, chosen, provider);
                case raw -> throw new IllegalStateException("raw files are signed in batches");
            });
            try (OutputStream out = staged.open(job.target())) {
                signer.sign(job.file(), out);
            } catch (Exception e) {
                Failure failure = Failure.of(e);
                exitCode = exitCode == ExitCodes.OK ? failure.exitCode() : exitCode;
                failures.add(job.file() + ": " + failure.message().substring("inkan: ".length()));
            }
        }
        if (!failures.isEmpty()) {
            throw new CliException(exitCode, "not every file could be signed, nothing written",
                    String.join("; ", failures));
        }
    }

    /** Detached CMS signatures for all {@code jobs}, with one request per {@value #MAX_BATCH} files. */
    private void signCms(InkanClient client, KeyStore.PrivateKeyEntry key, SignatureAlgorithm chosen, List<Job> jobs,
                         StagedFiles staged) throws IOException {
        CmsFormat format = new CmsFormat(client, project, profile, key.getCertificateChain(), chosen,
                tsa == null ? null : new TimestampClient(tsa), MAX_BATCH);
        List<byte[]> signatures = format.signAll(jobs.stream().map(Job::file).toList());
        for (int i = 0; i < jobs.size(); i++) {
            staged.stage(jobs.get(i).target(), signatures.get(i));
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
