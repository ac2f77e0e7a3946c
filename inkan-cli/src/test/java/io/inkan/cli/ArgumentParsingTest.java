package io.inkan.cli;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Command-line shapes, checked without any server. */
class ArgumentParsingTest {

    @TempDir
    Path home;

    private Object parse(String... args) {
        CommandLine commandLine = InkanCli.commandLine(new InkanCli(new CliEnvironment(Map.of(), home, System.in)), args);
        ParseResult result = commandLine.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().userObject();
    }

    @Test
    void algorithmsAreParsedLeniently() {
        KeysCommand.Create create = (KeysCommand.Create) parse(
                "keys", "create", "--project", "p", "--name", "k", "--algorithm", "ec-p384");
        SignCommand sign = (SignCommand) parse(
                "sign", "--format", "raw", "--project", "p", "--profile", "rel", "--algorithm", "ecdsa_sha256", "a", "b");

        assertThat(create.algorithm).isEqualTo(KeyAlgorithm.EC_P384);
        assertThat(sign.algorithm).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        assertThat(sign.files).containsExactly(Path.of("a"), Path.of("b"));
    }

    @Test
    void repeatableOptionsCollectInOrder() {
        ProfilesCommand.Create create = (ProfilesCommand.Create) parse("profiles", "create", "--project", "p",
                "--name", "rel", "--key", "k", "--allow", "ECDSA_SHA256", "--allow", "ecdsa-sha384");
        SignHashCommand signHash = (SignHashCommand) parse("sign-hash", "--project", "p", "--profile", "rel",
                "--algorithm", "RSA_PSS_SHA256", "--digest", "aa", "--digest", "bb");

        assertThat(create.allowed).containsExactly(SignatureAlgorithm.ECDSA_SHA256, SignatureAlgorithm.ECDSA_SHA384);
        assertThat(signHash.digests).containsExactly("aa", "bb");
    }

    @Test
    void rolesAreNormalisedToTheApiSpelling() {
        TokensCommand.Create create = (TokensCommand.Create) parse(
                "tokens", "create", "--name", "ci", "--role", "SIGNER", "--project", "p", "--expires-days", "30");

        assertThat(create.role).isEqualTo("signer");
        assertThat(create.expiresDays).isEqualTo(30);
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRunner cli = new CliRunner(home);

        assertThat(cli.run().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("projects").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("sign", "--project", "p", "--profile", "x", "f").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("sign", "--format", "zip", "--project", "p", "--profile", "x", "f").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("tokens", "create", "--name", "n", "--role", "root").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("login", "--server", "https://h", "--token-stdin", "--token-file", "f").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("login", "--server", "https://h").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unknownAlgorithmNamesAreUsageErrorsThatListTheChoices() {
        CliRunner.Result result = new CliRunner(home).run(
                "sign-hash", "--project", "p", "--profile", "x", "--algorithm", "SHA1withDSA", "--digest", "00");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("unknown algorithm 'SHA1withDSA'", "ECDSA_SHA256");
    }

    @Test
    void digestsAndDataMustMatchTheAlgorithm() {
        CliRunner cli = new CliRunner(home).server("http://127.0.0.1:9", "t");

        CliRunner.Result dataForEcdsa = cli.run("sign-hash", "--project", "p", "--profile", "x",
                "--algorithm", "ECDSA_SHA256", "--data", "aGk=");
        CliRunner.Result digestForEd25519 = cli.run("sign-hash", "--project", "p", "--profile", "x",
                "--algorithm", "ED25519", "--digest", "00");
        CliRunner.Result badDigest = cli.run("sign-hash", "--project", "p", "--profile", "x",
                "--algorithm", "ECDSA_SHA256", "--digest", "not base64!");

        assertThat(dataForEcdsa.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dataForEcdsa.err()).startsWith("inkan: wrong input: ECDSA_SHA256 signs digests");
        assertThat(digestForEd25519.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDigest.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDigest.err()).contains("invalid digest");
    }

    @Test
    void everyCommandsHelpDocumentsTheExitCodes() {
        CliRunner cli = new CliRunner(home);

        for (String[] command : new String[][] {{"--help"}, {"sign", "--help"}, {"tokens", "create", "--help"}}) {
            CliRunner.Result help = cli.run(command);
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Exit codes:", "6   cannot reach the server", "INKAN_TOKEN",
                    "7   audit: could not verify");
        }
    }

    @Test
    void signHelpDescribesEveryFormatFromTheFormatsThemselves() {
        CliRunner.Result help = new CliRunner(home).run("sign", "--help");

        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("raw writes FILE.sig", "jar signs .jar/.war/.ear", "cms (only with --format)",
                "pgp (only with --format)", "authenticode signs .exe", "apk signs .apk", "xml adds an enveloped",
                "Time-stamped (--tsa or the profile's authority): jar, cms, authenticode.",
                "Verify with: openssl dgst -sha256 -verify PROFILE.pub.pem", "jarsigner -verify FILE.jar",
                "raw, jar, cms, pgp, authenticode, apk, xml");
    }

    @Test
    void unknownFormatIsAUsageErrorThatListsTheChoices() {
        CliRunner.Result zip = new CliRunner(home).run("sign", "--format", "zip", "--project", "p", "--profile", "x", "f");

        assertThat(zip.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zip.err()).contains("expected one of [raw, jar, cms, pgp, authenticode, apk, xml] (case-sensitive)"
                + " but was 'zip'");
    }

    @Test
    void auditEvidenceOptionsAreCheckedBeforeTheServerIsAsked() throws Exception {
        CliRunner cli = new CliRunner(home).server("http://127.0.0.1:9", "t");
        Path notAReceipt = Files.writeString(home.resolve("r.json"), "{\"index\":1}");
        Path notACheckpoint = Files.writeString(home.resolve("cp.txt"), "hello\n");

        CliRunner.Result keyAlone = cli.run("audit", "verify", "--public-key", "a.pem");
        CliRunner.Result exportAndSince = cli.run("audit", "verify", "--export", "e", "--public-key", "a.pem", "--since", "c");
        CliRunner.Result exportWithoutKey = cli.run("audit", "verify", "--export", "e");
        CliRunner.Result badReceipt = cli.run("audit", "prove", notAReceipt.toString());
        CliRunner.Result badCheckpoint = cli.run("audit", "verify", "--since", notACheckpoint.toString());

        assertThat(keyAlone.err()).isEqualTo("inkan: missing option: --public-key goes with --export or --since\n");
        assertThat(exportAndSince.err()).contains("--export and --since do not go together");
        assertThat(exportWithoutKey.err()).contains("--export needs exactly one --public-key");
        assertThat(badReceipt.err()).contains("not a receipt", "it needs origin, index, recordHash, promise and receiptKey");
        assertThat(badCheckpoint.err()).startsWith("inkan: not a checkpoint: " + notACheckpoint);
        for (CliRunner.Result result : List.of(keyAlone, exportAndSince, exportWithoutKey, badReceipt, badCheckpoint)) {
            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        }
    }
}
