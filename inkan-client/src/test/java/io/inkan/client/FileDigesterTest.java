package io.inkan.client;

import io.inkan.core.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FileDigesterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void matchesMessageDigestOverAFileSpanningSeveralBuffers(DigestAlgorithm algorithm) throws Exception {
        byte[] content = new byte[3 * FileDigester.BUFFER_SIZE + 12345];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("artifact.bin"), content);

        assertThat(FileDigester.digest(file, algorithm)).isEqualTo(algorithm.newDigest().digest(content));
    }

    @Test
    void digestsAnEmptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty"));

        assertThat(FileDigester.digest(file, DigestAlgorithm.SHA256))
                .isEqualTo(DigestAlgorithm.SHA256.newDigest().digest(new byte[0]));
    }
}
