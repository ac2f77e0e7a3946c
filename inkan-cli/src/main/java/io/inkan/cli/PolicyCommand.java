package io.inkan.cli;

import io.inkan.core.api.PolicyRequest;
import io.inkan.core.api.PolicyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile's signing policy (W1): shown to the project's members, set as a whole by its key
 * custodians. Options left out take their defaults, so {@code set} with no options makes signing automatic.
 */
@Command(name = "policy", description = "Show or set a profile's signing policy (approvals, windows, names, rate limit).",
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Set.class})
final class PolicyCommand {

    static void describe(PrintWriter out, PolicyView p) {
        out.printf("Profile        %s/%s%n", p.project(), p.profile());
        out.printf("Approval       %s%n", p.approvalsRequired() == 0 ? "automatic"
                : p.approvalsRequired() + " approver(s), level " + p.approvalLevel());
        if (p.releaseWindow() != null) {
            out.printf("Release window %d digest(s) for %d s%n", p.releaseWindow().maxDigests(),
                    p.releaseWindow().durationSeconds());
        }
        out.printf("Name patterns  %s%n", p.namePatterns().isEmpty() ? "(any)" : String.join(" ", p.namePatterns()));
        out.printf("Rate limit     %s%n", p.rateLimit() == null ? "(none)"
                : p.rateLimit().calls() + " call(s) per " + p.rateLimit().periodSeconds() + " s");
        if (p.approvalsRequired() > 0) {
            out.printf("Timeout        %d s, reminder %d s before%n", p.requestTimeoutSeconds(), p.reminderSeconds());
        }
    }

    @Command(name = "show", description = "Show a profile's policy.")
    static final class Show extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--profile", required = true, paramLabel = "PROFILE")
        String profile;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            PolicyView policy = client().profiles().getPolicy(project, profile);
            if (output.json) {
                output.printJson(out(), policy);
            } else {
                describe(out(), policy);
            }
        }
    }

    @Command(name = "set", description = "Replace a profile's policy (key custodians).")
    static final class Set extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--profile", required = true, paramLabel = "PROFILE")
        String profile;

        @Option(names = "--approvals", paramLabel = "M", defaultValue = "0",
                description = "Approvals of distinct approvers per request; 0 = automatic (default).")
        int approvals;

        @Option(names = "--level", paramLabel = "1|2", defaultValue = "1",
                description = "2: every approval needs the approver's TOTP code.")
        int level;

        @Option(names = "--window-digests", paramLabel = "N",
                description = "Approvals open release windows of N digests (with --window-seconds).")
        Integer windowDigests;

        @Option(names = "--window-seconds", paramLabel = "S", defaultValue = "86400",
                description = "How long an approved window stays open (default: ${DEFAULT-VALUE}).")
        long windowSeconds;

        @Option(names = "--name-pattern", paramLabel = "GLOB",
                description = "Allowed artifact names (repeatable), e.g. 'app-*.jar'; default: any.")
        List<String> namePatterns = new ArrayList<>();

        @Option(names = "--rate-limit", paramLabel = "CALLS/SECONDS",
                description = "At most CALLS signing calls per SECONDS on the profile, e.g. 100/3600.")
        String rateLimit;

        @Option(names = "--timeout-seconds", paramLabel = "S", description = "Requests expire after this (default 86400).")
        Long timeoutSeconds;

        @Option(names = "--reminder-seconds", paramLabel = "S",
                description = "Remind approvers this long before expiry; 0 = never (default 3600).")
        Long reminderSeconds;

        @Override
        void run() {
            PolicyView.RateLimit limit = null;
            if (rateLimit != null) {
                String[] parts = rateLimit.split("/");
                try {
                    limit = new PolicyView.RateLimit(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()));
                } catch (RuntimeException e) {
                    throw new CliException(ExitCodes.USAGE, "invalid --rate-limit", "expected CALLS/SECONDS, e.g. 100/3600");
                }
            }
            PolicyView policy = client().profiles().setPolicy(project, profile, new PolicyRequest(approvals, level,
                    windowDigests == null ? null : new PolicyView.ReleaseWindow(windowDigests, windowSeconds),
                    namePatterns, limit, timeoutSeconds, reminderSeconds));
            describe(out(), policy);
        }
    }
}
