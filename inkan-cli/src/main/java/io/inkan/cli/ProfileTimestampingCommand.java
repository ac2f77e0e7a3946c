package io.inkan.cli;

import io.inkan.core.api.TimestampingRequest;
import io.inkan.core.api.TimestampingView;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;

/**
 * Shows or sets a profile's time-stamping authority (S5). {@code inkan sign} then time-stamps jar, cms
 * and authenticode signatures of the profile through the server without {@code --tsa}.
 */
@Command(name = "timestamping", description = {
    "Show a profile's time-stamping authority, or set it (custodian): --builtin (the server's own TSA), "
            + "--external URL (relayed by the server, with retries) or --none.",
    "inkan sign time-stamps the profile's jar, cms and authenticode signatures with it unless --tsa is given."})
final class ProfileTimestampingCommand extends BaseCommand {

    @Option(names = "--project", required = true, paramLabel = "PROJECT")
    String project;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE")
    String profile;

    @ArgGroup(exclusive = true)
    Choice choice;

    @Mixin
    OutputOptions output;

    /** At most one new setting; none = show. */
    static final class Choice {
        @Option(names = "--builtin", description = "Use the server's built-in time-stamping authority.")
        boolean builtin;

        @Option(names = "--external", paramLabel = "URL", description = "Relay to this RFC 3161 authority (http or https).")
        URI external;

        @Option(names = "--none", description = "Do not time-stamp.")
        boolean none;
    }

    @Override
    void run() {
        TimestampingView view = choice == null ? client().profiles().getTimestamping(project, profile)
                : client().profiles().setTimestamping(project, profile, request(choice));
        output.print(out(), view, () -> new Table("PROFILE", "AUTHORITY", "URL", "UPDATED")
                .row(view.profile(), view.authority(), view.url() == null ? "" : view.url(),
                        view.updatedAt() == null ? "" : view.updatedAt()));
    }

    private static TimestampingRequest request(Choice choice) {
        if (choice.external != null) {
            return new TimestampingRequest("external", choice.external.toString());
        }
        return new TimestampingRequest(choice.builtin ? "builtin" : "none", null);
    }
}
