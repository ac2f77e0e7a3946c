package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * APK v1/v2/v3 signing through a live server, verified by Debian's {@code apksigner verify} with
 * {@code --min-sdk-version 18} so that the v1 (JAR) signature is checked too.
 */
class ApkFormatTest extends LiveServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec"})
    void apksignerVerifiesAllThreeSchemes(String profile) throws Exception {
        Path apk = TinyApk.write(Files.createDirectories(dir.resolve(profile)).resolve("app-release.apk"));

        CliRunner.Result result = succeeds(fixture.signer.run("sign", "--project", "app", "--profile", profile,
                apk.toString()));

        assertThat(result.out()).contains("(apk)");
        assertThat(Security.getProvider("Inkan")).isNull();
        ExternalTools.Result verified = apksigner(apk);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verified using v1 scheme (JAR signing): true",
                "Verified using v2 scheme (APK Signature Scheme v2): true",
                "Verified using v3 scheme (APK Signature Scheme v3): true");

        byte[] bytes = Files.readAllBytes(apk);
        byte[] marker = ("dex\n035\0" + apk.getFileName()).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, marker);
        bytes[at] ^= 1;
        Path tampered = Files.write(apk.resolveSibling("tampered.apk"), bytes);
        assertThat(apksigner(tampered).exitCode()).isNotZero();
    }

    @Test
    void ed25519IsRefused() throws Exception {
        Path apk = TinyApk.write(Files.createDirectories(dir.resolve("ed")).resolve("app.apk"));

        CliRunner.Result result = fixture.signer.run("sign", "--project", "app", "--profile", "ed", apk.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no Ed25519");
    }

    private static ExternalTools.Result apksigner(Path apk) {
        return ExternalTools.run(List.of(ExternalTools.require("apksigner").toString(), "verify", "-v",
                "--min-sdk-version", "18", apk.toString()));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
