package io.inkan.cli;

import io.inkan.client.InkanApiException;
import io.inkan.client.InkanClient;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import io.inkan.core.api.SigningRequestCreate;
import io.inkan.core.api.SigningRequestView;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Signing on a profile whose policy requires approval (W2): the batch is first signed directly; if the
 * server answers {@code approval-required}, a signing request for exactly these digests is created with
 * the reason given here, the command waits for the approvers (long polls, each bounded by the server),
 * collects the request's SAD and signs with it. A profile without approval costs nothing extra.
 */
final class ApprovalOptions {

    private static final String APPROVAL_REQUIRED = "urn:inkan:problem:approval-required";
    private static final long POLL_SECONDS = 60;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why these files are signed; required when the profile needs approval.")
    String reason;

    @Option(names = "--ci-run-url", paramLabel = "URL", description = "Link to the CI run, shown to approvers.")
    String ciRunUrl;

    @Option(names = "--commit", paramLabel = "REV", description = "Source revision, shown to approvers.")
    String commit;

    @Option(names = "--approval-timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "How long to wait for approval (default: ${DEFAULT-VALUE}).")
    long approvalTimeoutMinutes;

    /**
     * Signs {@code items} now, through an approved signing request if the profile demands one; as the
     * round signer of a {@link io.inkan.client.SignatureBatch}, one approval covers every file of the round.
     */
    SignHashResponse sign(InkanClient client, PrintWriter progress, String project, String profile,
                          SignatureAlgorithm algorithm, List<SignHashRequest.Item> items) {
        try {
            return client.signing().signNow(project, profile, algorithm, items);
        } catch (InkanApiException e) {
            if (!APPROVAL_REQUIRED.equals(e.type())) {
                throw e;
            }
        }
        if (reason == null || reason.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "approval required",
                    "profile '" + profile + "' signs only approved requests: give --reason (and --ci-run-url, --commit)");
        }
        SigningRequestView request = client.requests().create(project, new SigningRequestCreate(profile,
                algorithm.name(),
                items.stream().map(i -> new SigningRequestCreate.Item(i.artifact(), i.digest(), null)).toList(),
                reason, ciRunUrl, commit));
        progress.printf("Signing request %s created; waiting for %d approval(s) (inkan requests show %s --project %s)%n",
                request.id(), request.approvalsRequired(), request.id(), project);
        progress.flush();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(approvalTimeoutMinutes));
        while ("requested".equals(request.state()) && Instant.now().isBefore(deadline)) {
            long wait = Math.max(1, Math.min(POLL_SECONDS, Duration.between(Instant.now(), deadline).toSeconds()));
            request = client.requests().get(project, request.id(), wait);
        }
        if (!"approved".equals(request.state())) {
            throw new CliException(ExitCodes.REFUSED, "signing request " + request.id() + " " + request.state(),
                    "requested".equals(request.state()) ? "no decision within " + approvalTimeoutMinutes + " minute(s)"
                            : "nothing was signed");
        }
        SadView sad = client.requests().sad(project, request.id());
        progress.printf("Signing request %s approved%n", request.id());
        return client.signing().sign(project, profile, algorithm, items, sad.sad());
    }
}
