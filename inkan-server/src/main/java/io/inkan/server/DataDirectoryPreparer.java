package io.inkan.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the data directory owner-only (0700) before anything writes into it: the database, the
 * master key and the TLS key all live there. An existing directory open to others is tightened.
 * Registered in {@code META-INF/spring.factories} so it runs before the database is opened.
 */
public class DataDirectoryPreparer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryPreparer.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Path directory = Path.of(event.getEnvironment().getProperty("inkan.data-dir", "./inkan-data"));
        try {
            if (Files.notExists(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY)) {
                LOG.warn("Data directory {} was accessible to others; restricting it to its owner", directory);
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + directory, e);
        }
    }
}
