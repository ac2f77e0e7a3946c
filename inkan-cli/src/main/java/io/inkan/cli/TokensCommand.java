package io.inkan.cli;

import io.inkan.core.api.TokenRequest;
import io.inkan.core.api.TokenView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * API tokens for people and CI jobs. {@code create} prints nothing but the secret on stdout (details go
 * to stderr) so that {@code TOKEN=$(inkan tokens create ...)} captures exactly the secret.
 */
@Command(name = "tokens", description = "Create, list and revoke API tokens (admin).",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand {

    static Table table(List<TokenView> tokens) {
        Table table = new Table("ID", "NAME", "ROLE", "PROJECT", "EXPIRES", "LAST USED");
        tokens.forEach(t -> table.row(t.id(), t.name(), t.role(), t.project(), t.expiresAt(), t.lastUsedAt()));
        return table;
    }

    @Command(name = "create", description = {
        "Create a token. Only the secret is printed on stdout, and only this once; with --json the whole token."})
    static final class Create extends BaseCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", converter = Converters.Roles.class,
                completionCandidates = Converters.Roles.class, description = "One of: ${COMPLETION-CANDIDATES}.")
        String role;

        @Option(names = "--project", paramLabel = "PROJECT", description = "The project the token's role applies to (all roles but admin).")
        String project;

        @Option(names = "--expires-days", paramLabel = "DAYS", description = "Lifetime; default: the server's.")
        Integer expiresDays;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            TokenView created = client().admin().createToken(new TokenRequest(name, role, project, expiresDays));
            if (output.json) {
                output.print(out(), created, null);
                return;
            }
            err().printf("Created token %s (%s%s), expires %s. The secret below is shown only once.%n",
                    created.id(), created.role(), created.project() == null ? "" : " of project " + created.project(),
                    Table.text(created.expiresAt()));
            out().println(created.secret());
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets).")
    static final class ListTokens extends BaseCommand {
        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<TokenView> tokens = client().admin().listTokens();
            output.print(out(), tokens, () -> table(tokens));
        }
    }

    @Command(name = "revoke", description = "Revoke a token; it stops working immediately.")
    static final class Revoke extends BaseCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        void run() {
            client().admin().revokeToken(id);
            out().printf("Revoked token %s%n", id);
        }
    }
}
