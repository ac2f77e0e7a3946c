package io.inkan.cli;

import io.inkan.core.api.AuthorityRequest;
import io.inkan.core.api.AuthorityView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Base64;
import java.util.List;

/** The private CA: its authorities are created by custodians of the CA project and read by anyone signed in. */
@Command(name = "ca", description = "The private CA's authorities (custodians of the CA project create them).",
        subcommands = {CaCommand.Create.class, CaCommand.ListAuthorities.class, CaCommand.Show.class})
final class CaCommand {

    static Table table(List<AuthorityView> authorities) {
        Table table = new Table("NAME", "PARENT", "KEY", "SUBJECT", "NOT AFTER", "CRL");
        authorities.forEach(a -> table.row(a.name(), a.parent(), a.key(), a.subject(), a.notAfter(), a.crlUrl()));
        return table;
    }

    @Command(name = "create", description = {"Create a root (no --parent; its key needs an M-of-N activation policy and an "
            + "open activation) or an intermediate certified by a root (needs the root's activation)."})
    static final class Create extends BaseCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--key", required = true, paramLabel = "KEY", description = "A key of the CA project.")
        String key;

        @Option(names = "--parent", paramLabel = "ROOT", description = "The root that certifies this intermediate.")
        String parent;

        @Option(names = "--subject", required = true, paramLabel = "DN", description = "e.g. 'CN=Example Root,O=Example'.")
        String subject;

        @Option(names = "--validity-days", paramLabel = "DAYS")
        Integer validityDays;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            AuthorityView created = client().certificates()
                    .createAuthority(new AuthorityRequest(name, key, parent, subject, validityDays));
            output.print(out(), created, () -> table(List.of(created)));
        }
    }

    @Command(name = "list", description = "List the authorities.")
    static final class ListAuthorities extends BaseCommand {
        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<AuthorityView> authorities = client().certificates().listAuthorities();
            output.print(out(), authorities, () -> table(authorities));
        }
    }

    @Command(name = "show", description = "Show one authority; --pem prints its certificate chain (e.g. for openssl -CAfile).")
    static final class Show extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--pem", description = "Print the certificate chain as PEM.")
        boolean pem;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            AuthorityView authority = client().certificates().getAuthority(name);
            if (pem) {
                authority.certificateChain().forEach(der ->
                        out().print(Pem.encode("CERTIFICATE", Base64.getDecoder().decode(der))));
                return;
            }
            output.print(out(), authority, () -> table(List.of(authority)));
        }
    }
}
