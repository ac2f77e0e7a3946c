package io.inkan.client;

import io.inkan.core.DigestAlgorithm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Digests of files, started before they are needed. A signing command first logs in and looks up the
 * profile, the key and its certificates, and only then knows for certain which digest the signature
 * needs; hashing a large artifact takes longer than all of that, so it starts at once, with the digest
 * the command expects, while those requests run. Asked for another digest, it hashes the file again.
 * One thread per core does the hashing, so a thousand files neither start a thousand reads at once
 * nor hold a thousand pairs of buffers.
 */
public final class FileDigests implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService pool;
    private final Map<Path, Ahead> ahead = new ConcurrentHashMap<>();

    private record Ahead(DigestAlgorithm algorithm, Future<byte[]> digest) {
    }

    private FileDigests() {
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "inkan-digest-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts hashing every file with {@code expected}, in order. */
    public static FileDigests startHashing(Collection<Path> files, DigestAlgorithm expected) {
        FileDigests digests = new FileDigests();
        for (Path file : files) {
            digests.ahead.put(file, new Ahead(expected, digests.pool.submit(() -> FileDigester.digest(file, expected))));
        }
        return digests;
    }

    /** The file's digest: the one started ahead if its algorithm matches, else computed now (on the pool). */
    public byte[] digest(Path file, DigestAlgorithm algorithm) throws IOException {
        Ahead started = ahead.remove(file);
        if (started != null && started.algorithm() == algorithm) {
            return Futures.await(started.digest());
        }
        if (started != null) {
            started.digest().cancel(true);
        }
        return Futures.await(pool.submit(() -> FileDigester.digest(file, algorithm)));
    }

    /** Stops hashing that nobody asked for (e.g. after a refusal). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
