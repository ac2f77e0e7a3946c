package io.inkan.server;

import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding O4-8: on a fresh start the database and log files were created 0644 (inside a 0700
 * directory), and the server warned that the directory it had just created "was accessible to others"
 * (the log file had created it first, with the umask). Now every file is the owner's alone and a fresh
 * start is quiet.
 */
class DataDirectoryTest {

    @Test
    void freshStartCreatesOwnerOnlyFilesAndDoesNotWarn(@TempDir Path parent) throws IOException {
        Path dataDir = parent.resolve("fresh").resolve("inkan-data");
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(server.port()).isPositive();
        }
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        Path database = dataDir.resolve("db").resolve("inkan.mv.db");
        Path log = dataDir.resolve("logs").resolve("inkan.log");
        assertThat(database).exists();
        assertThat(log).exists();
        assertThat(mode(database)).as(database.toString()).isEqualTo("rw-------");
        assertThat(mode(log)).as(log.toString()).isEqualTo("rw-------");
        for (Path subdirectory : List.of(dataDir.resolve("db"), dataDir.resolve("logs"))) {
            try (Stream<Path> paths = Files.walk(subdirectory)) {
                for (Path path : paths.toList()) {
                    assertThat(mode(path)).as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
                }
            }
        }
        assertThat(Files.readString(log)).contains("Tomcat initialized").doesNotContain("was accessible to others");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
