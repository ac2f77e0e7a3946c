package io.inkan.server.audit;

import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditExport;
import io.inkan.server.InkanProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Optionally appends every committed record and checkpoint to a JSON-lines file that a SIEM agent tails. The copy is
 * written after commit, so it never shows a record the database does not have; the database stays the
 * authority (a failed copy is logged, not fatal).
 */
@Component
class LiveCopy {

    private static final Logger LOG = LoggerFactory.getLogger(LiveCopy.class);

    private final Path file;

    LiveCopy(InkanProperties properties) {
        this.file = properties.audit() == null ? null : properties.audit().liveCopyFile();
    }

    /** Schedules {@code entry} to be copied once the current transaction commits. */
    void afterCommit(AuditEntry entry) {
        if (file == null) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                write(AuditExport.recordLine(entry) + "\n");
            }
        });
    }

    /** Appends a committed checkpoint's signed note as a {@code checkpoint-note} line; call after commit. */
    void writeCheckpoint(long size, String note) {
        if (file != null) {
            write(AuditExport.checkpointNoteLine(size, note) + "\n");
        }
    }

    private synchronized void write(String line) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("could not copy an audit record to {}", file, e);
        }
    }
}
