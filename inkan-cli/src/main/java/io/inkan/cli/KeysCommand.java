package io.inkan.cli;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.api.KeyRequest;
import io.inkan.core.api.KeyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** Keys are generated inside a token on the server; only public material ever comes back. */
@Command(name = "keys", description = "Generate and list a project's keys (admin).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class})
final class KeysCommand {

    static Table table(List<KeyView> keys) {
        Table table = new Table("NAME", "ALGORITHM", "TOKEN", "STATE", "CREATED");
        keys.forEach(k -> table.row(k.name(), k.algorithm(), k.token(), k.state(), k.createdAt()));
        return table;
    }

    @Command(name = "create", description = "Generate a key in a token.")
    static final class Create extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--algorithm", required = true, paramLabel = "ALG",
                converter = Converters.KeyAlgorithms.class, completionCandidates = Converters.KeyAlgorithms.class,
                description = "One of: ${COMPLETION-CANDIDATES}.")
        KeyAlgorithm algorithm;

        @Option(names = "--token", paramLabel = "TOKEN", description = "Configured token to generate in; "
                + "default: the server's default token.")
        String token;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            KeyView created = client().createKey(project, new KeyRequest(name, algorithm.name(), token));
            output.print(out(), created, () -> table(List.of(created)));
        }
    }

    @Command(name = "list", description = "List a project's keys.")
    static final class ListKeys extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<KeyView> keys = client().listKeys(project);
            output.print(out(), keys, () -> table(keys));
        }
    }
}
