package io.inkan.cli;

import io.inkan.core.api.CertificateRequest;
import io.inkan.core.api.PrincipalRequest;
import io.inkan.core.api.PrincipalView;
import io.inkan.core.api.RoleBindingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Principals are the people and machines that authenticate with client certificates; each holds role
 * bindings (project + role) granted by an administrator.
 */
@Command(name = "principals", description = "Manage principals, their role bindings and client certificates (admin).",
        subcommands = {PrincipalsCommand.Create.class, PrincipalsCommand.ListPrincipals.class, PrincipalsCommand.Grant.class,
            PrincipalsCommand.Revoke.class, PrincipalsCommand.AddCertificate.class, PrincipalsCommand.UnlockSecondFactor.class})
final class PrincipalsCommand {

    static Table table(List<PrincipalView> principals) {
        Table table = new Table("NAME", "KIND", "ROLES", "CERTIFICATES");
        principals.forEach(p -> table.row(p.name(), p.kind(), String.join(" ", p.roles()), p.certificates().size()));
        return table;
    }

    @Command(name = "create", description = "Create a principal.")
    static final class Create extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--kind", defaultValue = "human", paramLabel = "KIND", description = "human or machine; default: ${DEFAULT-VALUE}.")
        String kind;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            PrincipalView created = client().admin().createPrincipal(new PrincipalRequest(name, kind));
            output.print(out(), created, () -> table(List.of(created)));
        }
    }

    @Command(name = "list", description = "List principals with their roles.")
    static final class ListPrincipals extends BaseCommand {
        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<PrincipalView> principals = client().admin().listPrincipals();
            output.print(out(), principals, () -> table(principals));
        }
    }

    @Command(name = "grant", description = "Grant a role (in a project, unless the role is admin).")
    static final class Grant extends BaseCommand {
        @Mixin
        RoleBindingArguments binding;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            PrincipalView updated = client().admin().bindRole(binding.name, binding.request());
            output.print(out(), updated, () -> table(List.of(updated)));
        }
    }

    @Command(name = "revoke", description = "Withdraw a role.")
    static final class Revoke extends BaseCommand {
        @Mixin
        RoleBindingArguments binding;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            PrincipalView updated = client().admin().unbindRole(binding.name, binding.request());
            output.print(out(), updated, () -> table(List.of(updated)));
        }
    }

    /** The principal and role binding that {@code grant} and {@code revoke} name alike. */
    static final class RoleBindingArguments {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", converter = Converters.Roles.class,
                completionCandidates = Converters.Roles.class, description = "One of: ${COMPLETION-CANDIDATES}.")
        String role;

        @Option(names = "--project", paramLabel = "PROJECT")
        String project;

        RoleBindingRequest request() {
            return new RoleBindingRequest(role, project);
        }
    }

    @Command(name = "add-certificate", description = "Register a client certificate (PEM) as identifying the principal.")
    static final class AddCertificate extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "PEM")
        Path certificate;

        @Mixin
        OutputOptions output;

        @Override
        void run() throws IOException {
            PrincipalView updated = client().admin().addCertificate(name,
                    new CertificateRequest(Files.readString(certificate, StandardCharsets.US_ASCII)));
            output.print(out(), updated, () -> table(List.of(updated)));
        }
    }

    @Command(name = "unlock-second-factor",
            description = "Lift the lock that too many wrong TOTP codes put on a principal's second factor.")
    static final class UnlockSecondFactor extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        void run() {
            client().admin().unlockSecondFactor(name);
            out().println("second factor of '" + name + "' unlocked");
        }
    }
}
