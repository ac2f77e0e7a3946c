package io.inkan.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the data directory owner-only (0700) before anything writes into it: the database, the
 * master key and the TLS key all live there. An existing directory open to others is tightened. Runs
 * after the configuration files are read and before logging opens its file (which would otherwise
 * create the directory with the process's umask first), and creates that log file owner-only (0600).
 * Registered in {@code META-INF/spring.factories} so it runs before the database is opened;
 * {@link DataFilePermissions} tightens what the database creates.
 */
public class DataDirectoryPreparer implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryPreparer.class);

    /** After {@code EnvironmentPostProcessorApplicationListener} (+10), before {@code LoggingApplicationListener} (+20). */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        Path directory = Path.of(environment.getProperty("inkan.data-dir", "./inkan-data"));
        try {
            if (Files.notExists(directory)) {
                OwnerOnly.createDirectories(directory);
            } else if (!OwnerOnly.isOwnerOnly(directory)) {
                LOG.warn("Data directory {} was accessible to others; restricting it to its owner", directory);
                OwnerOnly.restrict(directory);
            }
            String logFile = environment.getProperty("logging.file.name");
            if (logFile != null && !logFile.isBlank()) {
                OwnerOnly.createFile(Path.of(logFile));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + directory, e);
        }
    }
}
