package io.inkan.server.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Serializes every append on every node on the chain head's row (decision 005), in as few statements as
 * the database allows.
 *
 * <p>Most appends need one: a compare-and-set {@link #move} from the head this node last wrote, which takes
 * the row lock just as a locking read does and changes the row only if all of its columns are still what
 * this node expects. A database whose head another node, a checkpoint timer or a rolled-back append has
 * moved meanwhile answers "no row", and the appender then {@link #lock}s and reads the real head, chains to
 * it and {@link #store}s its move (decision 015). The guess is never trusted: a wrong one costs one
 * statement, never a fork.
 *
 * <p>The locking read is the statement each database handles best. PostgreSQL gets
 * {@code SELECT ... FOR UPDATE}. H2 never keeps a locking {@code SELECT} in its per-session statement
 * cache, so it gets an {@code UPDATE} of the row that returns it ({@code FINAL TABLE}), which H2 caches and
 * which holds the row lock just the same until the transaction ends (decision 014).
 */
@Component
class ChainHeadLock {

    private static final String COLUMNS = "seq, hash, checkpoint_seq, config_generation";
    private static final String WRITE = "UPDATE audit_head SET seq = ?, hash = ?, checkpoint_seq = ?, config_generation = ? WHERE id = 1";

    private final JdbcClient jdbc;
    private final String lockingRead;
    /** The head as this node last moved it, perhaps in a transaction still open or since rolled back. */
    private final AtomicReference<ChainHead> lastMoved = new AtomicReference<>();

    ChainHeadLock(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.lockingRead = Databases.isH2(template)
                ? "SELECT " + COLUMNS + " FROM FINAL TABLE (UPDATE audit_head SET seq = seq WHERE id = 1)"
                : "SELECT " + COLUMNS + " FROM audit_head WHERE id = 1 FOR UPDATE";
    }

    /** The head this node expects, to chain to and {@link #move} from; {@code null} before its first append. */
    ChainHead expected() {
        return lastMoved.get();
    }

    /**
     * Moves the head from {@code expected} to {@code next} and locks it until the current transaction ends,
     * if the head still is {@code expected} in every column once its lock is free; otherwise changes nothing
     * and answers {@code false}.
     */
    boolean move(ChainHead expected, ChainHead next) {
        int moved = jdbc.sql(WRITE + " AND seq = ? AND hash = ? AND checkpoint_seq = ? AND config_generation = ?")
                .params(next.seq(), next.hash(), next.checkpointSeq(), next.configGeneration(),
                        expected.seq(), expected.hash(), expected.checkpointSeq(), expected.configGeneration())
                .update();
        if (moved == 1) {
            lastMoved.set(next);
        }
        return moved == 1;
    }

    /** Reads and locks the head until the current transaction ends. */
    ChainHead lock() {
        return jdbc.sql(lockingRead).query(ChainHead::map).single();
    }

    /** Writes the head that the current transaction, holding its {@link #lock}, moved it to. */
    void store(ChainHead next) {
        jdbc.sql(WRITE)
                .params(next.seq(), next.hash(), next.checkpointSeq(), next.configGeneration())
                .update();
        lastMoved.set(next);
    }
}
