package io.inkan.cli;

import io.inkan.cli.formats.pgp.PgpKey;
import io.inkan.client.keys.KeyImportScheme;
import io.inkan.client.KeyStateChange;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.api.ImportKeyView;
import io.inkan.core.api.KeyRequest;
import io.inkan.core.api.KeyStateRequest;
import io.inkan.core.api.KeyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Keys are generated inside a token on the server; only public material ever comes back. */
@Command(name = "keys",
        description = "Generate, import and list a project's keys, their certificates and activations; stop the use of,"
                + " revoke or destroy one (custodians); export one for OpenPGP (signer).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.ExportPgp.class,
                KeyImportCommand.class, KeysCommand.ImportKey.class,
                KeysCommand.Disable.class, KeysCommand.Revoke.class, KeysCommand.Destroy.class,
                KeyCertificateCommands.Csr.class, KeyCertificateCommands.ImportCert.class, KeyCertificateCommands.IssueCert.class,
                KeyCertificateCommands.RevokeCert.class, KeyCertificateCommands.ActivationPolicy.class,
                KeyCertificateCommands.Activate.class, KeyCertificateCommands.Activation.class})
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
            KeyView created = client().keys().create(project, new KeyRequest(name, algorithm.name(), token));
            output.print(out(), created, () -> table(List.of(created)));
        }
    }

    /** The token's import public key, for wrapping a key elsewhere (e.g. with openssl or another HSM). */
    @Command(name = "import-key", description = {
        "Print a token's import public key as PEM; wrap keys under it as " + KeyImportScheme.NAME + ".",
        "'inkan keys import --pkcs12' fetches and uses it by itself."})
    static final class ImportKey extends BaseCommand {
        @Option(names = "--token", paramLabel = "TOKEN", description = "Configured token; default: the server's default token.")
        String token;

        @Option(names = "--json", description = "Print the API's JSON (token, scheme, key) instead of PEM.")
        boolean json;

        @Override
        void run() throws java.security.GeneralSecurityException {
            ImportKeyView view = client().keys().importPublicKey(token);
            if (json) {
                out().println(io.inkan.client.InkanJson.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(view));
                return;
            }
            out().print(Pem.publicKey(KeyImportCommand.importPublicKey(view).getEncoded()));
        }
    }

    /**
     * A key state change (K6): the request carries a fresh random nonce and the current time, so the server
     * accepts it once and only now.
     */
    abstract static class StateChange extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--name", required = true, paramLabel = "KEY")
        String name;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded in the audit trail.")
        String reason;

        @Mixin
        OutputOptions output;

        abstract KeyStateChange change();

        @Override
        void run() {
            KeyView changed = client().keys().changeState(project, name, change(), KeyStateRequest.fresh(reason));
            output.print(out(), changed, () -> table(List.of(changed)));
        }
    }

    @Command(name = "disable", description = "Stop the use of a key: it signs nothing from now on.")
    static final class Disable extends StateChange {
        @Override
        KeyStateChange change() {
            return KeyStateChange.DISABLE;
        }
    }

    @Command(name = "revoke", description = "Revoke a key for good; its public key stays published for verifiers.")
    static final class Revoke extends StateChange {
        @Override
        KeyStateChange change() {
            return KeyStateChange.REVOKE;
        }
    }

    @Command(name = "destroy", description = "Remove a key's private half from its token. Irreversible.")
    static final class Destroy extends StateChange {
        @Option(names = "--yes", required = true, description = "Confirm: the key can never sign again.")
        boolean confirmed;

        @Override
        KeyStateChange change() {
            return KeyStateChange.DESTROY;
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
            List<KeyView> keys = client().keys().list(project);
            output.print(out(), keys, () -> table(keys));
        }
    }

    /**
     * The profile's key as an OpenPGP public key, self-certified by the server (a signer's call, since the
     * certification is a signature), for {@code gpg --import} and keyservers.
     */
    @Command(name = "export-pgp", description = {
        "Print the profile's key as an ASCII-armored OpenPGP public key, self-certified with the key (signer).",
        "Its creation time is the key's, so the fingerprint is the same on every export."})
    static final class ExportPgp extends BaseCommand {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--profile", required = true, paramLabel = "PROFILE")
        String profile;

        @Option(names = "--user-id", paramLabel = "UID",
                description = "User ID to certify, e.g. 'Release Team <release@example.org>'. Default: 'PROJECT/PROFILE (Inkan)'.")
        String userId;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the key here instead of standard output.")
        Path output;

        @Override
        void run() throws IOException {
            PgpKey key = PgpKey.of(client(), project, profile, null);
            String uid = userId != null ? userId : project + "/" + profile + " (Inkan)";
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            key.exportArmored(uid, armored);
            if (output == null) {
                out().print(armored.toString(StandardCharsets.US_ASCII));
                return;
            }
            try (StagedFiles staged = new StagedFiles()) {
                staged.stage(output, armored.toByteArray());
                staged.commit();
            }
            out().printf("%s: %s (fingerprint %s)%n", output, uid, key.fingerprint());
        }
    }
}
