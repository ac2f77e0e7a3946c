package io.inkan.client;

import io.inkan.core.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aDigestCutShortLeavesNothingBehindForTheNextFileOnTheSameThread() throws Exception {
        byte[] first = new byte[2 * FileDigester.BUFFER_SIZE];
        byte[] second = new byte[2 * FileDigester.BUFFER_SIZE + 1];
        new Random(7).nextBytes(first);
        new Random(8).nextBytes(second);
        Path firstFile = Files.write(dir.resolve("first.bin"), first);
        Path secondFile = Files.write(dir.resolve("second.bin"), second);

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> FileDigester.digest(firstFile, DigestAlgorithm.SHA256))
                .isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.interrupted()).isTrue();

        assertThat(FileDigester.digest(secondFile, DigestAlgorithm.SHA256))
                .isEqualTo(DigestAlgorithm.SHA256.newDigest().digest(second));
        assertThat(FileDigester.digest(firstFile, DigestAlgorithm.SHA256))
                .isEqualTo(DigestAlgorithm.SHA256.newDigest().digest(first));
    }
}
