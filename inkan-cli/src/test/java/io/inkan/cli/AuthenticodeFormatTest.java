package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authenticode through a live server, verified by {@code osslsigncode verify} (PE, MSI, CAB, PowerShell)
 * and {@code sbverify} (EFI/PE): the format is detected from the file name, and a modified file fails.
 */
class AuthenticodeFormatTest extends LiveServerTest {

    /** A one-file MSI for wixl (Debian 12's own {@code wixl} package; older releases had it in msitools). */
    private static final String WXS = """
            <?xml version="1.0" encoding="utf-8"?>
            <Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
              <Product Id="*" Name="Sample" Language="1033" Version="1.0.0" Manufacturer="Inkan tests"
                       UpgradeCode="6f1d5b1e-1c51-4c38-9a0e-2b7a1d0c6e01">
                <Package InstallerVersion="200" Compressed="yes"/>
                <Media Id="1" Cabinet="sample.cab" EmbedCab="yes"/>
                <Directory Id="TARGETDIR" Name="SourceDir">
                  <Directory Id="ProgramFilesFolder">
                    <Directory Id="INSTALLDIR" Name="Sample">
                      <Component Id="Readme" Guid="0b5c2f4e-8d7a-4a43-9d8e-5a4f3c2b1a09">
                        <File Id="ReadmeFile" Source="readme.txt"/>
                      </Component>
                    </Directory>
                  </Directory>
                </Directory>
                <Feature Id="Main" Level="1"><ComponentRef Id="Readme"/></Feature>
              </Product>
            </Wix>
            """;

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec"})
    void peFilesVerifyWithOsslsigncodeAndSbverify(String profile) throws Exception {
        Path work = Files.createDirectories(dir.resolve("pe-" + profile));
        Path exe = Files.write(work.resolve("app.exe"), TinyPe.image(3));
        Path efi = Files.write(work.resolve("boot.efi"), TinyPe.image(10));

        CliRunner.Result result = succeeds(fixture.signer.run("sign", "--project", "app", "--profile", profile,
                exe.toString(), efi.toString()));

        assertThat(result.out()).contains("(authenticode)");
        assertOsslsigncodeVerifies(exe, profile);
        assertOsslsigncodeVerifies(efi, profile);
        Path sbverify = ExternalTools.require("sbverify");
        ExternalTools.Result sb = ExternalTools.run(List.of(sbverify.toString(), "--cert",
                fixture.certificatePem(profile).toString(), efi.toString()));
        assertThat(sb.exitCode()).as(sb.output()).isZero();
        assertThat(sb.output()).contains("Signature verification OK");

        byte[] bytes = Files.readAllBytes(exe);
        bytes[0x200 + 1] ^= 0x5a;
        Path tampered = Files.write(work.resolve("tampered.exe"), bytes);
        assertThat(osslsigncodeVerify(tampered, profile).exitCode()).isNotZero();
    }

    @Test
    void powerShellScriptsGetASignatureBlock() throws Exception {
        Path script = Files.writeString(Files.createDirectories(dir.resolve("ps")).resolve("deploy.ps1"),
                "Write-Output 'deploying'\r\n");

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "ec", script.toString()));

        assertThat(Files.readString(script)).contains("# SIG # Begin signature block");
        assertOsslsigncodeVerifies(script, "ec");
        Files.writeString(script, Files.readString(script).replace("deploying", "pwned"));
        assertThat(osslsigncodeVerify(script, "ec").exitCode()).isNotZero();
    }

    @Test
    void cabinetsVerify() throws Exception {
        Path work = Files.createDirectories(dir.resolve("cab"));
        Path content = Files.writeString(work.resolve("readme.txt"), "cabinet content\n");
        Path cab = work.resolve("payload.cab");
        run(work, ExternalTools.require("gcab").toString(), "-c", "-n", cab.toString(), content.getFileName().toString());

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "rsa", cab.toString()));

        assertOsslsigncodeVerifies(cab, "rsa");
    }

    @Test
    void msiInstallersVerify() throws Exception {
        Path work = Files.createDirectories(dir.resolve("msi"));
        Files.writeString(work.resolve("readme.txt"), "installed file\n");
        Files.writeString(work.resolve("sample.wxs"), WXS);
        Path msi = work.resolve("sample.msi");
        run(work, ExternalTools.require("wixl").toString(), "-o", msi.toString(), "sample.wxs");

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "ec", msi.toString()));

        assertOsslsigncodeVerifies(msi, "ec");
    }

    /**
     * The CLI's own process, on a class path without the test's Log4j bridge (as in the shaded jar): POI,
     * which reads the MSI, logs through log4j-api, which used to print "could not find a logging provider".
     */
    @Test
    void signingAnMsiPrintsNoLibraryLogging() throws Exception {
        Path work = Files.createDirectories(dir.resolve("msi-quiet"));
        Path msi = unsigned(work, "quiet.msi");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("log4j-to-slf4j")).collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder cli = new ProcessBuilder(SigningFixture.jdkTool("java").toString(), "-cp", classPath,
                InkanCli.class.getName(), "sign", "--project", "app", "--profile", "ec", msi.toString());
        cli.environment().putAll(fixture.signer.env);
        Process process = cli.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(err).isZero();
        assertThat(err).doesNotContain("Log4j").doesNotContain("ERROR");
        assertOsslsigncodeVerifies(msi, "ec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"boot.efi", "app.exe", "sample.msi", "payload.cab", "deploy.ps1"})
    void signingASignedFileAgainReplacesItsSignature(String name) throws Exception {
        Path work = Files.createDirectories(dir.resolve("again-" + name));
        Path file = unsigned(work, name);

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "rsa", file.toString()));
        CliRunner.Result again = succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "ec", file.toString()));

        assertThat(again.err()).contains(name + ": replacing its existing Authenticode signature");
        assertOsslsigncodeVerifies(file, "ec");
        assertThat(osslsigncodeVerify(file, "rsa").exitCode()).as("the first signature is gone").isNotZero();
        if (name.endsWith(".efi") || name.endsWith(".exe")) {
            ExternalTools.Result sb = ExternalTools.run(List.of(ExternalTools.require("sbverify").toString(), "--cert",
                    fixture.certificatePem("ec").toString(), file.toString()));
            assertThat(sb.exitCode()).as(sb.output()).isZero();
        }
    }

    @Test
    void ed25519IsRefusedBeforeAnythingIsWritten() throws Exception {
        Path exe = Files.write(Files.createDirectories(dir.resolve("ed")).resolve("app.exe"), TinyPe.image(3));

        CliRunner.Result result = fixture.signer.run("sign", "--project", "app", "--profile", "ed", exe.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readAllBytes(exe)).isEqualTo(TinyPe.image(3));
        try (var files = Files.list(exe.getParent())) {
            assertThat(files).containsExactly(exe);
        }
    }

    /** An unsigned file of the type {@code name} names, made as the tests above make it. */
    private Path unsigned(Path work, String name) throws Exception {
        Path file = work.resolve(name);
        if (name.endsWith(".efi") || name.endsWith(".exe")) {
            return Files.write(file, TinyPe.image(5));
        }
        if (name.endsWith(".ps1")) {
            return Files.writeString(file, "Write-Output 'deploying'\r\n");
        }
        if (name.endsWith(".cab")) {
            Files.writeString(work.resolve("readme.txt"), "cabinet content\n");
            run(work, ExternalTools.require("gcab").toString(), "-c", "-n", file.toString(), "readme.txt");
            return file;
        }
        Files.writeString(work.resolve("readme.txt"), "installed file\n");
        Files.writeString(work.resolve("sample.wxs"), WXS);
        run(work, ExternalTools.require("wixl").toString(), "-o", file.toString(), "sample.wxs");
        return file;
    }

    private void assertOsslsigncodeVerifies(Path file, String profile) throws Exception {
        ExternalTools.Result result = osslsigncodeVerify(file, profile);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Signature verification: ok");
    }

    private ExternalTools.Result osslsigncodeVerify(Path file, String profile) throws Exception {
        return ExternalTools.run(List.of(ExternalTools.require("osslsigncode").toString(), "verify",
                "-CAfile", fixture.certificatePem(profile).toString(), "-in", file.toString()));
    }

    private static void run(Path workingDirectory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
