package io.inkan.cli;

import io.inkan.client.FileDigester;
import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Signs files without sending them: each file is hashed locally, all digests go to the server in one
 * batch request, and the raw signatures are written as {@code FILE.sig} together with the signing key as
 * {@code PROFILE.pub.pem}. Nothing is written unless every signature came back, and no output file is
 * ever left half-written.
 */
@Command(name = "sign", description = {
    "Sign files: hash them locally and sign all digests in one request.",
    "Writes FILE.sig (the raw signature bytes) for each FILE, and PROFILE.pub.pem (the signing key) once, "
            + "into --output-dir or else next to each FILE (the key next to the first one). Nothing is written "
            + "unless every file was signed.",
    "Verify with: openssl dgst -sha256 -verify PROFILE.pub.pem -signature FILE.sig FILE"})
final class SignCommand extends BaseCommand {

    /** Output formats; only raw signatures so far. */
    enum Format { raw }

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "One of: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = "--project", required = true, paramLabel = "PROJECT")
    String project;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE")
    String profile;

    @Option(names = "--algorithm", paramLabel = "ALG", converter = Converters.SignatureAlgorithms.class,
            completionCandidates = Converters.SignatureAlgorithms.class,
            description = "Default: RSA_PKCS1_SHA256 for RSA keys, ECDSA_SHA256/384/512 for P-256/384/521 keys, "
                    + "if the profile allows it.")
    SignatureAlgorithm algorithm;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where to write the outputs; created if missing.")
    Path outputDir;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to sign.")
    List<Path> files;

    @Override
    void run() throws IOException {
        List<Path> targets = targets();
        InkanClient client = client();
        SignatureAlgorithm chosen = algorithm != null ? algorithm : defaultAlgorithm(client);
        if (!chosen.isPrehashed()) {
            throw new CliException(ExitCodes.USAGE, "Ed25519 cannot sign files by digest",
                    "pure Ed25519 signs the whole message, not a hash; for inputs of at most "
                            + SignatureAlgorithm.MAX_PURE_INPUT + " bytes use "
                            + "'inkan sign-hash --algorithm ED25519 --data BASE64'");
        }
        List<SignHashRequest.Item> items = new ArrayList<>();
        for (Path file : files) {
            byte[] digest = FileDigester.digest(file, chosen.digest());
            items.add(SignHashRequest.Item.ofDigest(Base64.getEncoder().encodeToString(digest),
                    file.getFileName().toString()));
        }
        SignHashResponse response = client.signHashes(project, profile, chosen, items);
        Path publicKey = write(targets, response);
        for (int i = 0; i < files.size(); i++) {
            out().printf("%s -> %s%n", files.get(i), targets.get(i));
        }
        out().printf("Public key: %s (%s)%n", publicKey, chosen);
    }

    /** Output paths, checked before anything is sent: inputs must exist and outputs must not collide. */
    private List<Path> targets() {
        List<Path> targets = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.USAGE, "no such file", file.toString());
            }
            Path directory = outputDir != null ? outputDir : file.toAbsolutePath().getParent();
            Path target = directory.resolve(file.getFileName() + ".sig");
            if (!seen.add(target.toAbsolutePath().normalize())) {
                throw new CliException(ExitCodes.USAGE, "two inputs would write the same output", target.toString());
            }
            targets.add(target);
        }
        return targets;
    }

    private SignatureAlgorithm defaultAlgorithm(InkanClient client) {
        ProfileView view = client.getProfile(project, profile);
        return DefaultAlgorithm.choose(client.getKey(project, view.key()), view);
    }

    /** Writes every signature and the public key, all or nothing; returns the public key's path. */
    private Path write(List<Path> targets, SignHashResponse response) throws IOException {
        Path keyDirectory = outputDir != null ? outputDir : targets.get(0).getParent();
        Path publicKey = keyDirectory.resolve(profile + ".pub.pem");
        byte[] pem = Pem.publicKey(decode(response.publicKey())).getBytes(StandardCharsets.US_ASCII);
        if (outputDir != null) {
            Files.createDirectories(outputDir);
        }
        try (StagedFiles staged = new StagedFiles()) {
            for (int i = 0; i < targets.size(); i++) {
                staged.stage(targets.get(i), decode(response.signatures().get(i)));
            }
            staged.stage(publicKey, pem);
            staged.commit();
        }
        return publicKey;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(String.valueOf(base64));
        } catch (IllegalArgumentException e) {
            throw new InkanException("server sent a signature or key that is not base64");
        }
    }
}
