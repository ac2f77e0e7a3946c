package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.KeyImports;
import io.inkan.server.testing.Provisioning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan keys import} (PKCS#12, and a key wrapped by openssl following docs/cli.md),
 * {@code inkan keys import-key}, and {@code inkan profiles rotate | keys} against a live server.
 */
class KeyImportCommandTest extends LiveServerTest {

    private CliRunner custodian;

    @BeforeAll
    void custodian() {
        String token = new Provisioning(fixture.admin).token("app", "custodian");
        custodian = fixture.runner("custodian", token);
    }

    @Test
    void importsAPkcs12FileAndRotatesAProfileToIt() throws Exception {
        Path p12 = KeyImports.opensslPkcs12(dir, "from-p12", "ec", "s3cret");
        Path password = Files.writeString(dir.resolve("p12.password"), "s3cret\n");
        CliRunner.Result imported = succeeds(custodian.run("keys", "import", "--project", "app", "--name", "from-p12",
                "--pkcs12", p12.toString(), "--password-file", password.toString()));
        assertThat(imported.out()).contains("from-p12").contains("EC_P256");

        succeeds(custodian.run("profiles", "create", "--project", "app", "--name", "rotating", "--key", "ec"));
        CliRunner.Result rotated = succeeds(custodian.run("profiles", "rotate", "--project", "app", "--name", "rotating",
                "--key", "from-p12"));
        assertThat(rotated.out()).containsPattern("from-p12\\s+CURRENT").containsPattern("ec\\s+RETIRED");
        CliRunner.Result set = succeeds(fixture.signer.run("profiles", "keys", "--project", "app", "--name", "rotating",
                "--json"));
        assertThat(set.out()).contains("\"currentKey\" : \"from-p12\"").contains("\"origin\" : \"IMPORTED\"");

        CliRunner.Result again = custodian.run("keys", "import", "--project", "app", "--name", "twice",
                "--pkcs12", p12.toString(), "--password-file", password.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).startsWith("inkan: Key already bound: ");
    }

    @Test
    void aWrongPkcs12PasswordIsNamedAndNothingIsSent() throws Exception {
        Path p12 = KeyImports.opensslPkcs12(dir, "locked", "rsa:2048", "right");
        Path wrong = Files.writeString(dir.resolve("wrong.password"), "wrong\n");
        CliRunner.Result result = custodian.run("keys", "import", "--project", "app", "--name", "locked",
                "--pkcs12", p12.toString(), "--password-file", wrong.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip()).isEqualTo("inkan: invalid argument: wrong password for PKCS#12 file " + p12);
        assertThat(succeeds(custodian.run("keys", "list", "--project", "app")).out()).doesNotContain("locked");
    }

    /** The openssl recipe of docs/cli.md, for keys that are wrapped elsewhere. */
    @Test
    void importsAKeyWrappedWithOpensslAsDocumented() throws Exception {
        String openssl = ExternalTools.require("openssl").toString();
        Path importKey = dir.resolve("import.pem");
        Files.writeString(importKey, succeeds(custodian.run("keys", "import-key")).out());
        Path key = dir.resolve("key.pem");
        Path publicKey = dir.resolve("key.pub.pem");
        Path pkcs8 = dir.resolve("key.p8");
        Path aes = dir.resolve("aes.key");
        Path wrappedAes = dir.resolve("aes.wrapped");
        Path wrappedKey = dir.resolve("key.wrapped");
        run(List.of(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key.toString()));
        run(List.of(openssl, "pkey", "-in", key.toString(), "-pubout", "-out", publicKey.toString()));
        run(List.of(openssl, "pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-outform", "DER", "-out", pkcs8.toString()));
        run(List.of(openssl, "rand", "-out", aes.toString(), "32"));
        run(List.of(openssl, "pkeyutl", "-encrypt", "-pubin", "-inkey", importKey.toString(),
                "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1", "-pkeyopt", "rsa_mgf1_md:sha1",
                "-in", aes.toString(), "-out", wrappedAes.toString()));
        run(List.of(openssl, "enc", "-id-aes256-wrap-pad", "-K", java.util.HexFormat.of().formatHex(Files.readAllBytes(aes)),
                "-iv", "A65959A6", "-in", pkcs8.toString(), "-out", wrappedKey.toString()));
        Path blob = dir.resolve("key.blob");
        Files.write(blob, concat(Files.readAllBytes(wrappedAes), Files.readAllBytes(wrappedKey)));

        CliRunner.Result imported = succeeds(custodian.run("keys", "import", "--project", "app", "--name", "from-openssl",
                "--wrapped", blob.toString(), "--public-key", publicKey.toString()));
        assertThat(imported.out()).contains("from-openssl").contains("EC_P384");

        Path otherKey = dir.resolve("other.pem");
        Path otherPublicKey = dir.resolve("other.pub.pem");
        run(List.of(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", otherKey.toString()));
        run(List.of(openssl, "pkey", "-in", otherKey.toString(), "-pubout", "-out", otherPublicKey.toString()));
        Files.write(blob, concat(Files.readAllBytes(wrappedAes), new byte[24]));
        CliRunner.Result corrupt = custodian.run("keys", "import", "--project", "app", "--name", "corrupt",
                "--wrapped", blob.toString(), "--public-key", otherPublicKey.toString());
        assertThat(corrupt.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(corrupt.err()).startsWith("inkan: Invalid wrapped key: ");
    }

    private static void run(List<String> command) {
        ExternalTools.Result result = ExternalTools.run(command);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
