package io.inkan.cli;

import io.inkan.client.InkanJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Reads and writes the CLI's config file. It holds an API token, so on POSIX systems the file is created
 * {@code 0600} inside a {@code 0700} directory, and it is replaced atomically so an interrupted login
 * never leaves a truncated file behind.
 */
final class ConfigFile {

    private static final JsonMapper JSON = InkanJson.newMapper();

    private ConfigFile() {
    }

    /** The saved config, or {@link CliConfig#EMPTY} if there is none. */
    static CliConfig read(Path file) {
        if (!Files.exists(file)) {
            return CliConfig.EMPTY;
        }
        try {
            return JSON.readValue(Files.readString(file), CliConfig.class);
        } catch (IOException | JacksonException e) {
            throw new CliException(ExitCodes.USAGE, "unreadable config file", file + " (" + e.getMessage() + ")");
        }
    }

    static void write(Path file, CliConfig config) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        Path temp = posix
                ? Files.createTempFile(directory, ".config-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, ".config-", ".tmp");
        try {
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
