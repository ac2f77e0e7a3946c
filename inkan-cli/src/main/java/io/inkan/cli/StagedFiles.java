package io.inkan.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a set of output files so that none is ever half-written: every file is first written in full to
 * a hidden temporary file beside its target, and only when all of them succeeded are they renamed into
 * place. If anything fails before {@link #commit()}, {@link #close()} removes the temporaries and no
 * target is touched. Temporaries are created like ordinary files, so the user's umask applies. Files may
 * be staged from several threads at once (one per artifact of a batch).
 */
final class StagedFiles implements AutoCloseable {

    private final Map<Path, Path> staged = new LinkedHashMap<>();

    void stage(Path target, byte[] content) throws IOException {
        try (OutputStream out = open(target)) {
            out.write(content);
        }
    }

    /** A stream to write {@code target}'s new content to; the caller closes it before {@link #commit()}. */
    synchronized OutputStream open(Path target) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        staged.put(target, temp);
        return new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** Renames every staged file onto its target, replacing what was there. */
    synchronized void commit() throws IOException {
        var entries = staged.entrySet().iterator();
        while (entries.hasNext()) {
            var entry = entries.next();
            try {
                Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
            entries.remove();
        }
    }

    /** Deletes whatever was staged but not committed. */
    @Override
    public synchronized void close() {
        for (Path temp : staged.values()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: a stray hidden temp file is harmless, and the original error matters more.
            }
        }
        staged.clear();
    }
}
