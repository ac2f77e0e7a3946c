package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan-gpg} as gpg's stand-in: unmodified maven-gpg-plugin, pointed at it with
 * {@code <executable>}, signs a sample project's artifact through a live server, and gpg verifies the
 * {@code .asc} with the key from {@code inkan keys export-pgp}.
 */
class InkanGpgTest extends LiveServerTest {

    @Test
    void answersVersionLikeGnuPg2AndRefusesWhatItDoesNotDo() {
        Run version = run("--version");
        Run clearsign = run("--clearsign", "file.txt");
        Run noKey = run("--armor", "--detach-sign", "--batch", "--no-tty", "--pinentry-mode", "error", "file.txt");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).matches("gpg \\(GnuPG\\) 2\\.\\d+\\.\\d+"));
        assertThat(clearsign.exitCode()).isEqualTo(2);
        assertThat(clearsign.err()).contains("unsupported argument: --clearsign");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("PROJECT/PROFILE");
    }

    @Test
    void signsWithTheGpgCommandLineAndGpgVerifies() throws Exception {
        Path file = Files.writeString(dir.resolve("direct.txt"), "signed by inkan-gpg\n");
        Gpg gpg = importedKey("direct-gnupg", "ed");

        Run signed = run("--armor", "--detach-sign", "--batch", "--no-tty", "--pinentry-mode", "error",
                "--local-user", "app/ed", "--output", dir.resolve("direct.txt.asc").toString(), file.toString());

        assertThat(signed.exitCode()).as(signed.err()).isZero();
        ExternalTools.Result verified = gpg.run("--verify", dir.resolve("direct.txt.asc").toString(), file.toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
    }

    @Test
    void mavenGpgPluginSignsThroughInkan() throws Exception {
        Path project = Files.createDirectories(dir.resolve("sample"));
        Path executable = launcher(project.resolve("inkan-gpg"));
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId>
                  <artifactId>sample</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-gpg-plugin</artifactId>
                        <version>3.2.7</version>
                        <executions>
                          <execution>
                            <id>sign</id>
                            <phase>verify</phase>
                            <goals><goal>sign</goal></goals>
                          </execution>
                        </executions>
                        <configuration>
                          <executable>%s</executable>
                          <keyname>app/ec</keyname>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(executable));

        ProcessBuilder maven = new ProcessBuilder(Path.of("..", "mvnw").toAbsolutePath().normalize().toString(),
                "-B", "-f", project.resolve("pom.xml").toString(), "verify").redirectErrorStream(true);
        maven.environment().putAll(fixture.signer.env);
        maven.environment().remove("INKAN_CONFIG");
        Process process = maven.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Gpg gpg = importedKey("maven-gnupg", "ec");
        Path pom = project.resolve("target").resolve("sample-1.0.pom");
        ExternalTools.Result verified = gpg.run("--verify", pom + ".asc", pom.toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Good signature from \"app/ec (Inkan)\"");
    }

    /** A fresh GNUPGHOME holding the profile's exported key. */
    private Gpg importedKey(String home, String profile) throws Exception {
        Path key = dir.resolve(home + ".key.asc");
        succeeds(fixture.signer.run("keys", "export-pgp", "--project", "app", "--profile", profile,
                "--output", key.toString()));
        Gpg gpg = new Gpg(dir.resolve(home));
        ExternalTools.Result imported = gpg.run("--import", key.toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        return gpg;
    }

    /** What bin/inkan-gpg does, on this test's class path (the shaded jar is built after the tests). */
    private static Path launcher(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\nexec '" + SigningFixture.jdkTool("java") + "' -cp '"
                + System.getProperty("java.class.path") + "' io.inkan.cli.InkanGpg \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(fixture.signer.env);
        int code = InkanGpg.run(List.of(args), new CliEnvironment(env, fixture.signer.home,
                new ByteArrayInputStream(new byte[0])), new PrintStream(out, true), new PrintStream(err, true));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
