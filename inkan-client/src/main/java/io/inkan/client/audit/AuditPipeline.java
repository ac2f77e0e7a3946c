package io.inkan.client.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Feeds an {@link AuditVerifier} in trail order while the expensive, independent part of each record
 * (parsing it, recomputing its hash) runs on every core. Checking links, order and checkpoints stays
 * sequential in the caller's thread, so the verdict is exactly the single-threaded one; this only
 * makes a million-record trail verify in seconds.
 *
 * @param <T> what the source yields: stored records, or export lines still to be parsed
 */
public final class AuditPipeline<T> implements AutoCloseable {

    private static final int BATCH = 2048;

    private final AuditVerifier verifier;
    private final Function<T, AuditEntry> parser;
    private final ExecutorService workers;
    private final int depth;
    private final Deque<Future<List<Hashed>>> pending = new ArrayDeque<>();
    private List<T> batch = new ArrayList<>(BATCH);

    public AuditPipeline(AuditVerifier verifier, Function<T, AuditEntry> parser) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.verifier = verifier;
        this.parser = parser;
        this.depth = 2 * threads;
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "inkan-audit-verify");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds the next item in trail order. */
    public void add(T item) {
        batch.add(item);
        if (batch.size() == BATCH) {
            submit();
        }
    }

    /** Waits for everything added and returns the verdict. */
    public AuditVerification finish() {
        submit();
        while (!pending.isEmpty()) {
            drainOldest();
        }
        return verifier.finish();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        List<T> work = batch;
        batch = new ArrayList<>(BATCH);
        pending.add(workers.submit(() -> {
            List<Hashed> hashed = new ArrayList<>(work.size());
            for (T item : work) {
                AuditEntry entry = parser.apply(item);
                hashed.add(new Hashed(entry, AuditChain.hash(entry)));
            }
            return hashed;
        }));
        while (pending.size() > depth) {
            drainOldest();
        }
    }

    private void drainOldest() {
        try {
            for (Hashed hashed : pending.poll().get()) {
                verifier.accept(hashed.entry(), hashed.hash());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying the audit trail", e);
        }
    }

    private record Hashed(AuditEntry entry, String hash) {
    }
}
