package io.inkan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StagedFilesTest {

    @TempDir
    Path dir;

    @Test
    void nothingAppearsUntilCommitThenEverythingDoes() throws IOException {
        Files.writeString(dir.resolve("a.sig"), "old");
        try (StagedFiles staged = new StagedFiles()) {
            staged.stage(dir.resolve("a.sig"), new byte[] {1});
            staged.stage(dir.resolve("b.sig"), new byte[] {2});
            assertThat(Files.readString(dir.resolve("a.sig"))).isEqualTo("old");
            assertThat(dir.resolve("b.sig")).doesNotExist();

            staged.commit();
        }

        assertThat(Files.readAllBytes(dir.resolve("a.sig"))).containsExactly(1);
        assertThat(Files.readAllBytes(dir.resolve("b.sig"))).containsExactly(2);
        assertThat(names()).containsExactlyInAnyOrder("a.sig", "b.sig");
    }

    @Test
    void aFailedStageLeavesNoTraceAfterClose() throws IOException {
        Files.writeString(dir.resolve("a.sig"), "old");

        assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
            try (StagedFiles staged = new StagedFiles()) {
                staged.stage(dir.resolve("a.sig"), new byte[] {1});
                staged.stage(dir.resolve("missing-dir/b.sig"), new byte[] {2});
                staged.commit();
            }
        });

        assertThat(names()).containsExactly("a.sig");
        assertThat(Files.readString(dir.resolve("a.sig"))).isEqualTo("old");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
