package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many files in one {@code inkan sign}: more raw files than one request may carry, and a mixed release
 * where some files cannot be signed — the error names each of them and nothing at all is written.
 */
class ManyFilesTest extends LiveServerTest {

    @Test
    void moreRawFilesThanOneBatchHolds() throws Exception {
        Path work = Files.createDirectories(dir.resolve("raw"));
        List<String> args = new ArrayList<>(List.of("sign", "--format", "raw", "--project", "app", "--profile", "ec"));
        for (int i = 0; i <= SignCommand.MAX_BATCH; i++) {
            args.add(Files.writeString(work.resolve("f" + i + ".txt"), "file " + i + "\n").toString());
        }

        succeeds(fixture.signer.run(args.toArray(String[]::new)));

        for (int i : new int[] {0, SignCommand.MAX_BATCH - 1, SignCommand.MAX_BATCH}) {
            ExternalTools.Result verified = ExternalTools.run(List.of(ExternalTools.require("openssl").toString(),
                    "dgst", "-sha256", "-verify", work.resolve("ec.pub.pem").toString(), "-signature",
                    work.resolve("f" + i + ".txt.sig").toString(), work.resolve("f" + i + ".txt").toString()));
            assertThat(verified.output()).as("file %d", i).contains("Verified OK");
        }
    }

    @Test
    void everyFileThatFailsIsNamedAndNothingIsWritten() throws Exception {
        Path work = Files.createDirectories(dir.resolve("mixed"));
        Path good = work.resolve("good.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(good))) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.write('a');
        }
        byte[] original = Files.readAllBytes(good);
        Path brokenJar = Files.writeString(work.resolve("broken.jar"), "not a zip");
        Path brokenXml = Files.writeString(work.resolve("broken.xml"), "<unclosed>");
        Path notes = Files.writeString(work.resolve("notes.txt"), "notes\n");

        CliRunner.Result result = fixture.signer.run("sign", "--project", "app", "--profile", "ec",
                good.toString(), brokenJar.toString(), notes.toString(), brokenXml.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("not every file could be signed, nothing written", brokenJar.toString(), brokenXml.toString())
                .doesNotContain(good + ":");
        assertThat(Files.readAllBytes(good)).isEqualTo(original);
        assertThat(work.resolve("notes.txt.sig")).doesNotExist();
        try (var files = Files.list(work)) {
            assertThat(files).containsExactlyInAnyOrder(good, brokenJar, brokenXml, notes);
        }
    }
}
