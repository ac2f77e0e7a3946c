package io.inkan.cli;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.KeySetView;
import io.inkan.core.api.ProfileRequest;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.RotateRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** A profile names which key signs and with which algorithms; signers sign through profiles only. */
@Command(name = "profiles", description = "Create and list a project's signing profiles; list and rotate their key sets;"
        + " choose their time-stamping authority.",
        subcommands = {ProfilesCommand.Create.class, ProfilesCommand.ListProfiles.class, ProfilesCommand.Keys.class,
                ProfilesCommand.Rotate.class, ProfileTimestampingCommand.class})
final class ProfilesCommand {

    static Table table(List<ProfileView> profiles) {
        Table table = new Table("NAME", "KEY", "ALGORITHMS", "CREATED");
        profiles.forEach(p -> table.row(p.name(), p.key(),
                p.allowedAlgorithms() == null || p.allowedAlgorithms().isEmpty()
                        ? "(all for the key)" : String.join(",", p.allowedAlgorithms()),
                p.createdAt()));
        return table;
    }

    @Command(name = "create", description = "Create a profile (admin).")
    static final class Create extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;

        @Option(names = "--key", required = true, paramLabel = "KEY")
        String key;

        @Option(names = "--allow", paramLabel = "ALG", converter = Converters.SignatureAlgorithms.class,
                completionCandidates = Converters.SignatureAlgorithms.class,
                description = "Allowed algorithm (repeatable); default: all the key supports. "
                        + "One of: ${COMPLETION-CANDIDATES}.")
        List<SignatureAlgorithm> allowed = new ArrayList<>();

        @Option(names = "--authorization-level", paramLabel = "LEVEL", description = "Key authorization level: "
                + "1 (default) = the login suffices; 2 = every signature needs a TOTP code (sign --otp).")
        Integer authorizationLevel;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<String> names = allowed.stream().map(Enum::name).toList();
            ProfileView created = client().profiles()
                    .create(project, new ProfileRequest(name, key, names, authorizationLevel));
            output.print(out(), created, () -> table(List.of(created)));
        }
    }

    @Command(name = "list", description = "List a project's profiles.")
    static final class ListProfiles extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<ProfileView> profiles = client().profiles().list(project);
            output.print(out(), profiles, () -> table(profiles));
        }
    }

    static Table keySetTable(KeySetView set) {
        Table table = new Table("KEY", "STATE", "ALGORITHM", "KEY STATE", "ORIGIN", "FINGERPRINT (SHA-256)", "RETIRED");
        set.keys().forEach(k -> table.row(k.key(), k.state(), k.algorithm(), k.keyState(), k.origin(), k.fingerprint(),
                k.retiredAt() == null ? "" : k.retiredAt()));
        return table;
    }

    @Command(name = "keys", description = "List a profile's key set: the current key and the retired ones, still published.")
    static final class Keys extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--name", required = true, paramLabel = "PROFILE")
        String name;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            KeySetView set = client().profiles().keySet(project, name);
            output.print(out(), set, () -> keySetTable(set));
        }
    }

    @Command(name = "rotate", description = {
        "Make another key of the project the profile's current key (custodian).",
        "The previous key stops signing but stays in the set, published for verifiers."})
    static final class Rotate extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--name", required = true, paramLabel = "PROFILE")
        String name;

        @Option(names = "--key", required = true, paramLabel = "KEY")
        String key;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            KeySetView set = client().profiles().rotate(project, name, new RotateRequest(key));
            output.print(out(), set, () -> keySetTable(set));
        }
    }
}
