package io.inkan.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Once the server is up, restricts the embedded database ({@code <data-dir>/db}) and the logs
 * ({@code <data-dir>/logs}) to their owner (files 0600, directories 0700): H2 and the log roller create
 * their files with the process's umask (typically 0644), and an older version left them so. Only these
 * two subdirectories are walked, so a data directory pointed at a shared place changes nothing else.
 */
@Component
class DataFilePermissions {

    private static final Logger LOG = LoggerFactory.getLogger(DataFilePermissions.class);

    private static final List<String> SUBDIRECTORIES = List.of("db", "logs");

    private final InkanProperties properties;

    DataFilePermissions(InkanProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void restrict() {
        for (String subdirectory : SUBDIRECTORIES) {
            Path root = properties.dataDir().resolve(subdirectory);
            try {
                int changed = OwnerOnly.restrictTree(root);
                if (changed > 0) {
                    LOG.debug("Restricted {} path(s) under {} to their owner", changed, root);
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Could not restrict {} to its owner: {}", root, e.getMessage());
            }
        }
    }
}
