package io.inkan.cli;

import io.inkan.core.api.DecisionRequest;
import io.inkan.core.api.SigningRequestView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * Signing requests of a project with an approval policy: approvers list, inspect and decide them here.
 * Nobody approves their own request, and one approver counts once; a level-2 profile needs the
 * approver's current TOTP code ({@code --otp}).
 */
@Command(name = "requests", description = "List, show, approve and reject signing requests.",
        subcommands = {RequestsCommand.ListRequests.class, RequestsCommand.Show.class, RequestsCommand.Approve.class,
            RequestsCommand.Reject.class})
final class RequestsCommand {

    static Table table(List<SigningRequestView> requests) {
        Table table = new Table("ID", "STATE", "PROFILE", "REQUESTER", "ITEMS", "APPROVALS", "EXPIRES", "REASON");
        requests.forEach(r -> table.row(r.id(), r.state(), r.profile(), r.requester(),
                "window".equals(r.kind()) ? "window of " + r.windowMaxDigests() : r.items().size(),
                approvals(r) + "/" + r.approvalsRequired(), r.expiresAt(), r.reason()));
        return table;
    }

    private static long approvals(SigningRequestView request) {
        return request.decisions().stream().filter(d -> "approved".equals(d.decision())).count();
    }

    /** Everything about one request, for a person deciding it. */
    static void describe(PrintWriter out, SigningRequestView r) {
        out.printf("Request    %s (%s)%n", r.id(), r.state());
        out.printf("Project    %s, profile %s%s%n", r.project(), r.profile(),
                r.algorithm() == null ? "" : ", " + r.algorithm());
        out.printf("Requester  %s%n", r.requester());
        out.printf("Reason     %s%n", r.reason());
        if (r.ciRunUrl() != null) {
            out.printf("CI run     %s%n", r.ciRunUrl());
        }
        if (r.commit() != null) {
            out.printf("Commit     %s%n", r.commit());
        }
        out.printf("Approvals  %d of %d (level %d)%n", approvals(r), r.approvalsRequired(), r.approvalLevel());
        out.printf("Created    %s, expires %s%n", r.createdAt(), r.expiresAt());
        if ("window".equals(r.kind())) {
            out.printf("Window     %d of %d digest(s) used%s%n", r.windowUsed(), r.windowMaxDigests(),
                    r.windowClosesAt() == null ? "" : ", closes " + r.windowClosesAt());
        }
        if (!r.items().isEmpty()) {
            Table items = new Table("ARTIFACT", "SIZE", "DIGEST");
            r.items().forEach(i -> items.row(i.artifact(), i.size() == null ? "" : i.size(), i.digest()));
            items.print(out);
        }
        r.decisions().forEach(d -> out.printf("%s by %s at %s%s%s%n", d.decision(), d.principal(), d.decidedAt(),
                d.secondFactor() ? " (with second factor)" : "", d.comment() == null ? "" : ": " + d.comment()));
    }

    @Command(name = "list", description = "List a project's signing requests, newest first.")
    static final class ListRequests extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--state", paramLabel = "STATE",
                description = "Only requests in this state: requested, approved, rejected, expired, signed, closed.")
        String state;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<SigningRequestView> requests = client().requests().list(project, state);
            output.print(out(), requests, () -> table(requests));
        }
    }

    @Command(name = "show", description = "Show one request: who asks, why, which artifacts and digests, decisions.")
    static final class Show extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
                description = "Wait up to this long for the request to be decided (the server bounds each wait).")
        long wait;

        @Mixin
        OutputOptions output;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        void run() {
            SigningRequestView request = client().requests().get(project, id, wait);
            if (output.json) {
                output.printJson(out(), request);
            } else {
                describe(out(), request);
            }
        }
    }

    /** Options shared by approve and reject. */
    abstract static class Decide extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Recorded with the decision.")
        String comment;

        @Parameters(paramLabel = "ID")
        String id;
    }

    @Command(name = "approve", description = "Approve a request (approvers; never your own).")
    static final class Approve extends Decide {
        @Option(names = "--otp", paramLabel = "CODE",
                description = "Your current TOTP code; required by level-2 profiles.")
        String otp;

        @Override
        void run() {
            SigningRequestView request = client().requests().approve(project, id, new DecisionRequest(otp, comment));
            out().printf("Approved %s: %d of %d approval(s), now %s%n", request.id(), approvals(request),
                    request.approvalsRequired(), request.state());
        }
    }

    @Command(name = "reject", description = "Reject a request (approvers); one rejection ends it.")
    static final class Reject extends Decide {
        @Override
        void run() {
            SigningRequestView request = client().requests().reject(project, id, new DecisionRequest(null, comment));
            out().printf("Rejected %s%n", request.id());
        }
    }
}
