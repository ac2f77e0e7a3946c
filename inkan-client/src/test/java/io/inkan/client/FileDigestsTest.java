package io.inkan.client;

import io.inkan.core.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileDigestsTest {

    @TempDir
    Path dir;

    @Test
    void returnsTheDigestsStartedAheadForEveryFile() throws Exception {
        Path first = file("first.bin", 3 * FileDigester.BUFFER_SIZE + 7);
        Path second = file("second.bin", 12);

        try (FileDigests digests = FileDigests.startHashing(List.of(first, second), DigestAlgorithm.SHA256)) {
            assertThat(digests.digest(second, DigestAlgorithm.SHA256)).isEqualTo(expected(second, DigestAlgorithm.SHA256));
            assertThat(digests.digest(first, DigestAlgorithm.SHA256)).isEqualTo(expected(first, DigestAlgorithm.SHA256));
        }
    }

    @Test
    void hashesAgainWhenAnotherDigestIsAskedFor() throws Exception {
        Path file = file("artifact.bin", 2 * FileDigester.BUFFER_SIZE);

        try (FileDigests digests = FileDigests.startHashing(List.of(file), DigestAlgorithm.SHA256)) {
            assertThat(digests.digest(file, DigestAlgorithm.SHA384)).isEqualTo(expected(file, DigestAlgorithm.SHA384));
        }
    }

    @Test
    void hashesFilesThatWereNotStartedAhead() throws Exception {
        Path file = file("late.bin", 100);

        try (FileDigests digests = FileDigests.startHashing(List.of(), DigestAlgorithm.SHA256)) {
            assertThat(digests.digest(file, DigestAlgorithm.SHA512)).isEqualTo(expected(file, DigestAlgorithm.SHA512));
        }
    }

    @Test
    void reportsAFileThatCannotBeReadWhenItsDigestIsAskedFor() {
        Path missing = dir.resolve("missing.bin");

        try (FileDigests digests = FileDigests.startHashing(List.of(missing), DigestAlgorithm.SHA256)) {
            assertThatThrownBy(() -> digests.digest(missing, DigestAlgorithm.SHA256))
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    private Path file(String name, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] expected(Path file, DigestAlgorithm algorithm) throws Exception {
        return algorithm.newDigest().digest(Files.readAllBytes(file));
    }
}
