package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenPGP through a live server, checked by gpg itself: the exported key imports (its self-certification
 * is valid) and detached signatures verify; a changed file does not.
 */
class PgpFormatTest extends LiveServerTest {

    private Gpg gpg;

    @BeforeAll
    void startGpg() throws Exception {
        gpg = new Gpg(dir.resolve("gnupg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec", "ed"})
    void gpgImportsTheKeyAndVerifiesSignatures(String profile) throws Exception {
        Path work = Files.createDirectories(dir.resolve(profile));
        Path key = work.resolve(profile + ".asc.pub");
        CliRunner.Result exported = succeeds(fixture.signer.run("keys", "export-pgp", "--project", "app",
                "--profile", profile, "--user-id", "Release " + profile + " <release@example.org>",
                "--output", key.toString()));
        String fingerprint = exported.out().replaceAll("(?s).*fingerprint ([0-9A-F]{40}).*", "$1").strip();

        ExternalTools.Result imported = gpg.run("--import", key.toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("imported").doesNotContain("no valid user IDs");
        assertThat(gpg.run("--with-colons", "--fingerprint", fingerprint).output()).contains("fpr:::::::::" + fingerprint);

        byte[] content = new byte[2 * 1024 * 1024 + 3];
        new Random(5).nextBytes(content);
        Path file = Files.write(work.resolve("app-1.0.tar.gz"), content);
        CliRunner.Result signed = succeeds(fixture.signer.run("sign", "--format", "pgp", "--project", "app",
                "--profile", profile, file.toString()));
        assertThat(signed.out()).contains("(pgp)");
        Path signature = work.resolve("app-1.0.tar.gz.asc");
        assertThat(Files.readString(signature)).startsWith("-----BEGIN PGP SIGNATURE-----");

        ExternalTools.Result verified = gpg.run("--verify", signature.toString(), file.toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Good signature from \"Release " + profile);

        content[77] ^= 1;
        Path tampered = Files.write(work.resolve("tampered.tar.gz"), content);
        ExternalTools.Result bad = gpg.run("--verify", signature.toString(), tampered.toString());
        assertThat(bad.exitCode()).as(bad.output()).isNotZero();
        assertThat(bad.output()).contains("BAD signature");
    }

    @Test
    void fingerprintIsTheSameOnEveryExport() {
        String first = succeeds(fixture.signer.run("keys", "export-pgp", "--project", "app", "--profile", "ec",
                "--output", dir.resolve("one.asc").toString())).out();
        String second = succeeds(fixture.signer.run("keys", "export-pgp", "--project", "app", "--profile", "ec",
                "--output", dir.resolve("two.asc").toString())).out();

        assertThat(first.replaceAll(".*fingerprint ", "")).isEqualTo(second.replaceAll(".*fingerprint ", ""));
    }

    @Test
    void algorithmsOpenPgpCannotCarryAreUsageErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("x.txt"), "x");

        CliRunner.Result result = fixture.signer.run("sign", "--format", "pgp", "--project", "app",
                "--profile", "rsa", "--algorithm", "RSA_PSS_SHA256", file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("OpenPGP has no encoding");
        assertThat(dir.resolve("x.txt.asc")).doesNotExist();
    }
}
