package io.inkan.server.audit;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compare-and-set move of the chain head (decision 015) on both databases: two appenders that expect
 * the same head queue on its row, and the second one's move succeeds only if the first one's transaction
 * rolled back; once the first commits, the second is told so and changes nothing.
 */
class ChainHeadLockTest {

    private static final long BLOCKED_MILLIS = 300;

    @Test
    void onH2(@TempDir Path dataDir) throws Exception {
        try (TestServer node = TestServer.start(dataDir, Map.of())) {
            assertMovesQueueOnTheRow(node);
        }
    }

    @Test
    void onPostgres(@TempDir Path dataDir) throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create();
             TestServer node = TestServer.start(dataDir, database.properties())) {
            assertMovesQueueOnTheRow(node);
        }
    }

    private static void assertMovesQueueOnTheRow(TestServer node) throws Exception {
        ChainHeadLock headLock = node.bean(ChainHeadLock.class);
        JdbcClient jdbc = node.bean(JdbcClient.class);
        ChainHead current = ChainHead.read(jdbc);
        ChainHead first = current.append(current.seq() + 1, "a".repeat(64), false);
        ChainHead second = current.append(current.seq() + 1, "b".repeat(64), false);

        assertThat(raceAgainst(node, current, first, second, false)).as("after a rollback").isTrue();
        assertThat(ChainHead.read(jdbc)).isEqualTo(current);

        assertThat(raceAgainst(node, current, first, second, true)).as("after a commit").isFalse();
        assertThat(ChainHead.read(jdbc)).isEqualTo(first);

        // Put the real head back, so the trail the node goes on writing verifies.
        node.bean(TransactionTemplate.class).executeWithoutResult(status -> {
            assertThat(headLock.lock()).isEqualTo(first);
            headLock.store(current);
        });
        JsonNode verdict = expect(new ApiCaller(node, node.adminToken()).get("/api/v1/audit/verify"), 200).json();
        assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
    }

    /**
     * Moves the head from {@code current} to {@code first} in one transaction and, while that transaction
     * holds the row, from {@code current} to {@code second} in another, which must wait; then ends the first
     * with a commit or a rollback, rolls the second back and answers whether its move succeeded.
     */
    private static boolean raceAgainst(TestServer node, ChainHead current, ChainHead first, ChainHead second,
                                       boolean commitFirst) throws Exception {
        TransactionTemplate transactions = node.bean(TransactionTemplate.class);
        ChainHeadLock headLock = node.bean(ChainHeadLock.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch moved = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = pool.submit(() -> transactions.executeWithoutResult(status -> {
                assertThat(headLock.move(current, first)).isTrue();
                moved.countDown();
                awaitUninterruptibly(release);
                if (!commitFirst) {
                    status.setRollbackOnly();
                }
            }));
            assertThat(moved.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> waiter = pool.submit(() -> transactions.execute(status -> {
                status.setRollbackOnly();
                return headLock.move(current, second);
            }));
            Thread.sleep(BLOCKED_MILLIS);
            assertThat(waiter).as("the second move waits for the row").isNotDone();
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            return waiter.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
