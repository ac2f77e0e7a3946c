package io.inkan.cli;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs digests computed elsewhere (or, for pure Ed25519, small to-be-signed data) in one batch request.
 * The building block for tools that need the signature value rather than a file.
 */
@Command(name = "sign-hash", description = {
    "Sign precomputed digests in one request and print one base64 signature per line, in order.",
    "For pure ED25519 pass the to-be-signed bytes (at most 1 KiB) with --data instead of --digest."})
final class SignHashCommand extends BaseCommand {

    @Option(names = "--project", required = true, paramLabel = "PROJECT")
    String project;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE")
    String profile;

    @Option(names = "--algorithm", required = true, paramLabel = "ALG",
            converter = Converters.SignatureAlgorithms.class,
            completionCandidates = Converters.SignatureAlgorithms.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    SignatureAlgorithm algorithm;

    @Option(names = "--digest", paramLabel = "HEX_OR_BASE64", description = "A digest to sign (repeatable).")
    List<String> digests = new ArrayList<>();

    @Option(names = "--data", paramLabel = "BASE64", description = "Data to sign with ED25519 (repeatable).")
    List<String> data = new ArrayList<>();

    @Mixin
    SecondFactorOptions secondFactor;

    @Override
    void run() {
        List<SignHashRequest.Item> items = items();
        SignHashResponse response = secondFactor.apply(client()).signing().sign(project, profile, algorithm, items);
        response.signatures().forEach(out()::println);
    }

    private List<SignHashRequest.Item> items() {
        Base64.Encoder base64 = Base64.getEncoder();
        if (algorithm.isPrehashed()) {
            if (!data.isEmpty() || digests.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "wrong input",
                        algorithm + " signs digests: pass one or more --digest");
            }
            return digests.stream()
                    .map(d -> SignHashRequest.Item.ofDigest(base64.encodeToString(Binary.hexOrBase64("digest", d)), null))
                    .toList();
        }
        if (!digests.isEmpty() || data.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "wrong input",
                    algorithm + " signs the data itself, not a digest: pass one or more --data");
        }
        return data.stream()
                .map(d -> SignHashRequest.Item.ofData(base64.encodeToString(Binary.base64("data", d)), null))
                .toList();
    }
}
