package io.inkan.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Owner-only permissions for what the server keeps under its data directory: directories 0700, files
 * 0600, whatever the process's umask, so the database, logs and keys are never readable by other users.
 */
final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code directory} and its missing parents, each 0700. */
    static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.notExists(absolute)) {
            createDirectories(absolute.getParent());
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
    }

    /** Creates {@code file} empty with 0600 (and its missing directories 0700) unless it exists. */
    static void createFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        createDirectories(absolute.getParent());
        if (Files.notExists(absolute)) {
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(FILE));
        }
    }

    static boolean isOwnerOnly(Path directory) throws IOException {
        return Files.getPosixFilePermissions(directory).equals(DIRECTORY);
    }

    static void restrict(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, DIRECTORY);
    }

    /**
     * Sets every directory under {@code root} to 0700 and every regular file to 0600, never following a
     * symbolic link; a file that disappears meanwhile (a database temp file) is skipped. Returns how many
     * changed.
     */
    static int restrictTree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int changed = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                try {
                    Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY
                            : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? FILE : null;
                    if (wanted != null && !Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                        Files.setPosixFilePermissions(path, wanted);
                        changed++;
                    }
                } catch (NoSuchFileException gone) {
                    // removed while walking: nothing to restrict
                }
            }
        }
        return changed;
    }
}
