package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JAR/WAR signing through a live server, checked by {@code jarsigner -verify -strict} against a trust
 * store with the profile's certificate: by {@code inkan sign} (format detected from the name) and by the
 * unmodified {@code jarsigner} loading the Inkan provider, the command lines docs/cli.md shows.
 */
class JarFormatTest extends LiveServerTest {

    @ParameterizedTest
    @CsvSource({"ec, app.jar", "rsa, app.war", "ed, app.ear"})
    void inkanSignDetectsArchivesAndJarsignerVerifiesThem(String profile, String name) throws Exception {
        Path jar = sampleJar(Files.createDirectories(dir.resolve("sign-" + profile)).resolve(name));

        CliRunner.Result result = succeeds(fixture.signer.run("sign", "--project", "app", "--profile", profile,
                jar.toString()));

        assertThat(result.out()).contains("(jar)");
        assertVerifies(jar);
        assertThat(new ZipFile(jar.toFile()).getEntry("META-INF/" + profile.toUpperCase() + ".SF")).isNotNull();
        Path tampered = tamper(jar);
        assertThat(verify(tampered).exitCode()).isNotZero();
    }

    @Test
    void outputDirectoryLeavesTheInputAlone() throws Exception {
        Path work = Files.createDirectories(dir.resolve("out"));
        Path jar = sampleJar(work.resolve("lib.jar"));
        byte[] original = Files.readAllBytes(jar);

        succeeds(fixture.signer.run("sign", "--format", "jar", "--project", "app", "--profile", "ec",
                "--output-dir", work.resolve("signed").toString(), jar.toString()));

        assertThat(Files.readAllBytes(jar)).isEqualTo(original);
        assertVerifies(work.resolve("signed").resolve("lib.jar"));
    }

    @Test
    void unknownProfileLeavesTheJarUntouched() throws Exception {
        Path jar = sampleJar(Files.createDirectories(dir.resolve("refused")).resolve("app.jar"));
        byte[] original = Files.readAllBytes(jar);

        CliRunner.Result result = fixture.signer.run("sign", "--project", "app", "--profile", "nope",
                "--algorithm", "ECDSA_SHA256", jar.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(Files.readAllBytes(jar)).isEqualTo(original);
        try (var files = Files.list(jar.getParent())) {
            assertThat(files).containsExactly(jar);
        }
    }

    @Test
    void unmodifiedJarsignerWithTheProviderClass() throws Exception {
        Path jar = sampleJar(Files.createDirectories(dir.resolve("jarsigner")).resolve("app.jar"));

        ExternalTools.Result signed = ExternalTools.run(List.of(SigningFixture.jdkTool("jarsigner").toString(),
                "-J-cp", "-J" + SigningFixture.providerClassPath(), "-J--add-modules", "-Jjava.net.http",
                "-providerClass", "io.inkan.client.jca.InkanProvider", "-providerArg", fixture.providerArgument(),
                "-keystore", "NONE", "-storetype", "Inkan", "-storepass", "none",
                "-sigalg", "SHA256withECDSA", jar.toString(), "ec"));

        assertThat(signed.exitCode()).as(signed.output()).isZero();
        assertVerifies(jar);
    }

    @Test
    void unmodifiedJarsignerWithAddproviderAndTheEnvironment() throws Exception {
        Path jar = sampleJar(Files.createDirectories(dir.resolve("addprovider")).resolve("app.jar"));
        List<String> command = new ArrayList<>(List.of(SigningFixture.jdkTool("jarsigner").toString(),
                "-J-cp", "-J" + SigningFixture.providerClassPath(), "-J--add-modules", "-Jjava.net.http",
                "-addprovider", "Inkan", "-keystore", "NONE", "-storetype", "Inkan", "-storepass", "none",
                "-sigalg", "SHA256withRSA", jar.toString(), "rsa"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("INKAN_SERVER", fixture.server.baseUrl().toString());
        builder.environment().put("INKAN_TOKEN_FILE", fixture.tokenFile.toString());
        builder.environment().put("INKAN_CA", fixture.server.serverCertificate().toString());

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertVerifies(jar);
    }

    /**
     * docs/cli.md's strict verification: {@code inkan sign} writes the signer's certificate as PROFILE.crt,
     * plain {@code jarsigner -verify -strict} exits 4 (the self-signed certificate is not trusted), and a
     * trust store made from that file with keytool passes.
     */
    @Test
    void strictVerificationPassesWithTheWrittenCertificateAsTrustStore() throws Exception {
        Path work = Files.createDirectories(dir.resolve("strict"));
        Path jar = sampleJar(work.resolve("app.jar"));

        CliRunner.Result result = succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "ec", jar.toString()));

        Path certificate = work.resolve("ec.crt");
        assertThat(result.out()).contains("Certificate chain: " + certificate);
        String jarsigner = SigningFixture.jdkTool("jarsigner").toString();
        assertThat(ExternalTools.run(List.of(jarsigner, "-verify", "-strict", jar.toString())).exitCode()).isEqualTo(4);
        Path trust = work.resolve("trust.p12");
        ExternalTools.Result imported = ExternalTools.run(List.of(SigningFixture.jdkTool("keytool").toString(),
                "-importcert", "-noprompt", "-alias", "release", "-file", certificate.toString(),
                "-keystore", trust.toString(), "-storepass", "changeit"));
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        ExternalTools.Result strict = ExternalTools.run(List.of(jarsigner, "-verify", "-strict",
                "-keystore", trust.toString(), "-storepass", "changeit", jar.toString()));
        assertThat(strict.exitCode()).as(strict.output()).isZero();
    }

    /** Apache Ant's signjar task with the provider, as docs/examples/ant/build.xml (which this runs) shows. */
    @Test
    void antSignjarWithTheProvider() throws Exception {
        Path ant = ExternalTools.require("ant");
        Path jar = sampleJar(Files.createDirectories(dir.resolve("ant")).resolve("app.jar"));
        Path buildFile = Path.of("..", "docs", "examples", "ant", "build.xml").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(ant.toString(), "-noinput", "-f", buildFile.toString(),
                "-Djar=" + jar, "-Dprofile=ec", "-Dsigalg=SHA256withECDSA",
                "-Dinkan.jca.jar=" + SigningFixture.providerClassPath(),
                "-Dinkan.server=" + fixture.server.baseUrl(), "-Dinkan.token.file=" + fixture.tokenFile,
                "-Dinkan.ca=" + fixture.server.serverCertificate()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("BUILD SUCCESSFUL");
        assertVerifies(jar);
    }

    @Test
    void unmodifiedKeytoolListsTheProfiles() {
        ExternalTools.Result listed = ExternalTools.run(List.of(SigningFixture.jdkTool("keytool").toString(),
                "-J--add-modules", "-Jjava.net.http", "-list",
                "-providerpath", SigningFixture.providerClassPath(), "-providerclass", "io.inkan.client.jca.InkanProvider",
                "-providerarg", fixture.providerArgument(),
                "-keystore", "NONE", "-storetype", "Inkan", "-storepass", "none"));

        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("rsa, ", "ec, ", "ed, ", "PrivateKeyEntry");
    }

    private void assertVerifies(Path jar) throws Exception {
        ExternalTools.Result result = verify(jar);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("jar verified.");
    }

    private ExternalTools.Result verify(Path jar) throws Exception {
        return ExternalTools.run(List.of(SigningFixture.jdkTool("jarsigner").toString(), "-verify", "-strict",
                "-keystore", fixture.trustStore().toString(), "-storepass", "changeit", jar.toString()));
    }

    /** A small archive with a manifest, a class-like entry and a resource. */
    private static Path sampleJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new JarEntry("app/Main.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61});
            out.putNextEntry(new JarEntry("app/config.properties"));
            out.write("greeting=hello\n".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** A copy of a signed archive with one entry's content changed and the signature files kept. */
    private static Path tamper(Path jar) throws IOException {
        Path tampered = jar.resolveSibling("tampered-" + jar.getFileName());
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = zip.getInputStream(entry).readAllBytes();
                out.write(entry.getName().equals("app/config.properties")
                        ? "greeting=pwned\n".getBytes(StandardCharsets.UTF_8) : content);
            }
        }
        return tampered;
    }
}
