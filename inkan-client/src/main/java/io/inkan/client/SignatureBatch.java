package io.inkan.client;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ReceiptView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Signs many artifacts with as few requests as possible (S2) although each format library signs one
 * artifact at a time and asks for each signature through the JCA provider, deep inside its own code.
 * Every artifact's work runs on its own thread; when such a thread asks {@link SigningClient#sign}
 * for signatures, the request is held back until every other artifact's thread is either waiting for
 * signatures too or finished. Then the held requests go out together: one request per profile and
 * algorithm (split only beyond the server's batch limit), and every thread continues with its own
 * signatures. Formats that sign several times (an APK's v1, v2 and v3 schemes) simply take part in
 * several such rounds.
 *
 * <p>The hand-over is invisible to the libraries: they make an ordinary blocking signature call. A thread
 * the batch did not start (say, a library's own worker) is not a participant and signs directly.
 */
public final class SignatureBatch {

    /** One artifact's work: signs one file in its format. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    /**
     * Signs one round's request. {@link SigningClient#signNow} by default; a caller can put an approval step
     * in front of it (a profile that only signs approved requests), which then covers the whole round.
     */
    @FunctionalInterface
    public interface RoundSigner {
        SignHashResponse sign(String project, String profile, SignatureAlgorithm algorithm,
                              List<SignHashRequest.Item> items);
    }

    /**
     * The batch the current thread signs in, the index of its task (to keep requests in task order) and the
     * name of its artifact, which items signed without one are given (the JCA provider knows no file names).
     */
    private record Participant(SignatureBatch batch, int task, String artifact) {
    }

    private static final ThreadLocal<Participant> CURRENT = new ThreadLocal<>();

    private final SigningClient client;
    private final int maxItems;
    private final RoundSigner signer;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<Integer, ReceiptView> receipts = new ConcurrentHashMap<>();
    private int running;

    /** Items that share a request: same project, profile and algorithm. */
    private record Group(String project, String profile, SignatureAlgorithm algorithm) {
    }

    /** One signing call held back until the next round. */
    private record Pending(int task, Group group, List<SignHashRequest.Item> items,
                           CompletableFuture<SignHashResponse> result) {
    }

    /**
     * @param maxItems the most items one request may carry (the server's {@code inkan.signing.max-batch-size})
     */
    public SignatureBatch(SigningClient client, int maxItems) {
        this(client, maxItems, client::signNow);
    }

    /**
     * @param maxItems the most items one request may carry
     * @param signer   sends each round's requests; it must not route them through a batch again
     */
    public SignatureBatch(SigningClient client, int maxItems, RoundSigner signer) {
        this.client = client;
        this.maxItems = maxItems;
        this.signer = signer;
    }

    /**
     * Runs every task on its own thread and waits for all of them. Returns, per task, {@code null} if it
     * succeeded or what it threw; a failing task does not stop the others. {@code done} is called with
     * the task's index as each one ends, e.g. to move a progress bar.
     */
    public List<Throwable> runAll(List<Task> tasks, IntConsumer done) {
        return runAll(tasks, Collections.nCopies(tasks.size(), null), done);
    }

    /**
     * Like {@link #runAll(List, IntConsumer)}, naming each task's artifact: items a task signs without an
     * artifact name carry its name, so that approvers and name policies see which file a digest is of.
     */
    public List<Throwable> runAll(List<Task> tasks, List<String> artifacts, IntConsumer done) {
        Throwable[] failures = new Throwable[tasks.size()];
        receipts.clear();
        synchronized (this) {
            running = tasks.size();
        }
        List<Thread> threads = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                CURRENT.set(new Participant(this, index, artifacts.get(index)));
                try {
                    tasks.get(index).run();
                } catch (Throwable failure) {
                    failures[index] = failure;
                } finally {
                    CURRENT.remove();
                    finished();
                    done.accept(index);
                }
            }, "inkan-sign-" + index);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InkanException("interrupted while signing");
            }
        }
        return Arrays.asList(failures);
    }

    /**
     * The audit log's receipt for task {@code task} of the last {@link #runAll}: of the last request that
     * signed for it (an APK signs in three rounds), shared with the tasks signed in the same request;
     * {@code null} if the server sent none.
     */
    public ReceiptView receipt(int task) {
        return receipts.get(task);
    }

    /** How many signing requests this batch has sent. */
    public int requests() {
        return requests.get();
    }

    /** The batch the calling thread takes part in for {@code client}, or {@code null}. */
    static SignatureBatch of(SigningClient client) {
        Participant participant = CURRENT.get();
        return participant != null && participant.batch().client == client ? participant.batch() : null;
    }

    /** Holds the call until the round is complete and returns this call's part of the batch's answer. */
    SignHashResponse sign(String project, String profile, SignatureAlgorithm algorithm, List<SignHashRequest.Item> items) {
        Participant participant = CURRENT.get();
        List<SignHashRequest.Item> named = items.stream()
                .map(item -> item.artifact() != null || participant.artifact() == null ? item
                        : new SignHashRequest.Item(item.digest(), item.data(), participant.artifact()))
                .toList();
        Pending call = new Pending(participant.task(), new Group(project, profile, algorithm), named,
                new CompletableFuture<>());
        List<Pending> round;
        synchronized (this) {
            pending.add(call);
            round = takeRoundIfComplete();
        }
        send(round);
        try {
            return call.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InkanException("interrupted while waiting for signatures");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new InkanException("signing failed: " + e.getCause(), e.getCause());
        }
    }

    private void finished() {
        List<Pending> round;
        synchronized (this) {
            running--;
            round = takeRoundIfComplete();
        }
        send(round);
    }

    /** Every running task is waiting: the round is complete. Call while holding the lock. */
    private List<Pending> takeRoundIfComplete() {
        if (pending.isEmpty() || pending.size() < running) {
            return List.of();
        }
        List<Pending> round = new ArrayList<>(pending);
        pending.clear();
        return round;
    }

    /**
     * One request per group (more only beyond {@link #maxItems}), each answer split among its calls. Items
     * go in task order, so requests (and the audit records of them) do not depend on thread timing.
     */
    private void send(List<Pending> round) {
        Map<Group, List<Pending>> groups = new LinkedHashMap<>();
        for (Pending call : round.stream().sorted(Comparator.comparingInt(Pending::task)).toList()) {
            groups.computeIfAbsent(call.group(), g -> new ArrayList<>()).add(call);
        }
        for (Map.Entry<Group, List<Pending>> group : groups.entrySet()) {
            List<Pending> chunk = new ArrayList<>();
            int items = 0;
            for (Pending call : group.getValue()) {
                if (!chunk.isEmpty() && items + call.items().size() > maxItems) {
                    sendChunk(group.getKey(), chunk);
                    chunk = new ArrayList<>();
                    items = 0;
                }
                chunk.add(call);
                items += call.items().size();
            }
            sendChunk(group.getKey(), chunk);
        }
    }

    private void sendChunk(Group group, List<Pending> calls) {
        List<SignHashRequest.Item> items = new ArrayList<>();
        calls.forEach(call -> items.addAll(call.items()));
        SignHashResponse response;
        try {
            requests.incrementAndGet();
            response = signer.sign(group.project(), group.profile(), group.algorithm(), items);
        } catch (RuntimeException failure) {
            calls.forEach(call -> call.result().completeExceptionally(failure));
            return;
        }
        int offset = 0;
        for (Pending call : calls) {
            List<String> own = response.signatures().subList(offset, offset + call.items().size());
            offset += call.items().size();
            if (response.receipt() != null) {
                receipts.put(call.task(), response.receipt());
            }
            call.result().complete(response.part(own));
        }
    }
}
