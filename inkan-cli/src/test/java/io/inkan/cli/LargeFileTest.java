package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB file signed with {@code --format raw} and {@code --format cms} through a live server, checked by
 * {@code openssl dgst -verify} and {@code openssl cms -verify}; one byte changed in the middle fails both.
 * The file is sparse (zeros with marks at both ends), so it costs no disk space, yet every byte is read
 * and hashed like any other.
 */
class LargeFileTest extends LiveServerTest {

    private static final long GIB = 1L << 30;

    @Test
    void aGibibyteFileIsSignedRawAndAsCmsAndVerifiedByOpenssl() throws Exception {
        Path work = Files.createDirectories(dir.resolve("large"));
        Path file = work.resolve("disk-image.img");
        try (RandomAccessFile image = new RandomAccessFile(file.toFile(), "rw")) {
            image.setLength(GIB);
            image.write("start".getBytes(StandardCharsets.US_ASCII));
            image.seek(GIB - 3);
            image.write("end".getBytes(StandardCharsets.US_ASCII));
        }
        Path raw = Files.createDirectories(work.resolve("raw"));
        Path cms = Files.createDirectories(work.resolve("cms"));

        assertThat(succeeds(fixture.signer.run("sign", "--format", "raw", "--project", "app", "--profile", "ec",
                "--output-dir", raw.toString(), file.toString())).out()).contains("1.0 GiB");
        succeeds(fixture.signer.run("sign", "--format", "cms", "--project", "app", "--profile", "ec",
                "--output-dir", cms.toString(), file.toString()));

        assertThat(verifyRaw(raw, file).exitCode()).isZero();
        ExternalTools.Result verified = verifyCms(cms, file);
        assertThat(verified.exitCode()).as(verified.output()).isZero();

        try (RandomAccessFile image = new RandomAccessFile(file.toFile(), "rw")) {
            image.seek(GIB / 2);
            image.write(1);
        }
        assertThat(verifyRaw(raw, file).exitCode()).isNotZero();
        assertThat(verifyCms(cms, file).exitCode()).isNotZero();
    }

    private static ExternalTools.Result verifyRaw(Path outputs, Path file) throws Exception {
        return ExternalTools.run(List.of(ExternalTools.require("openssl").toString(), "dgst", "-sha256", "-verify",
                outputs.resolve("ec.pub.pem").toString(), "-signature",
                outputs.resolve(file.getFileName() + ".sig").toString(), file.toString()));
    }

    private ExternalTools.Result verifyCms(Path outputs, Path file) throws Exception {
        return ExternalTools.run(List.of(ExternalTools.require("openssl").toString(), "cms", "-verify", "-binary",
                "-inform", "DER", "-in", outputs.resolve(file.getFileName() + ".p7s").toString(),
                "-content", file.toString(), "-purpose", "any",
                "-CAfile", fixture.certificatePem("ec").toString(), "-out", "/dev/null"));
    }
}
