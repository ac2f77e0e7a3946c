package io.inkan.server.identity.totp;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/**
 * The counted side of {@code totp_enrolments}: attempts, used time steps and locks. Each change commits
 * at once, whatever the request around it does later, so a refused request's rollback cannot undo a
 * counted attempt and all nodes share one count.
 *
 * <p>It has a small connection pool of its own. A second factor is verified inside the transaction of
 * the work it admits (a SAD, an approval), which already holds a connection of the main pool; taking a
 * second one from that pool for a transaction of its own deadlocks once as many such requests run at
 * once as the pool has connections (measured: 40 concurrent level-2 authorizations, 19 of them failed
 * with 500 after 36 s). Connections of this pool are only ever held for one short statement or
 * transaction and never wait for the main pool, so every request makes progress.
 */
@Component
class SecondFactorLedger implements DisposableBean {

    private static final int CONNECTIONS = 2;

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SecondFactorLedger(DataSourceProperties database) {
        this.pool = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("inkan-second-factor");
        pool.setMaximumPoolSize(CONNECTIONS);
        pool.setMinimumIdle(0);
        this.jdbc = JdbcClient.create(pool);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    /**
     * Counts one attempt before its code is checked, unless the second factor is locked or already has
     * {@code limit} attempts counted; a lock that has run out is lifted by the attempt, which is then the
     * first of a new series. One conditional update, so concurrent attempts on any node cannot pass the limit.
     */
    boolean admit(String principalId, int limit, Instant now) {
        return jdbc.sql("""
                        UPDATE totp_enrolments
                        SET failures = CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END, locked_until = NULL
                        WHERE principal_id = ? AND ((locked_until IS NULL AND failures < ?) OR locked_until <= ?)""")
                .params(principalId, limit, utc(now)).update() == 1;
    }

    /**
     * Records {@code step} as used if it is later than every step used before, and clears the failure
     * count and any lock; one conditional update, so two requests racing with the same code cannot both
     * win, on any number of server nodes.
     */
    boolean consume(String principalId, long step) {
        return jdbc.sql("""
                        UPDATE totp_enrolments SET last_step = ?, failures = 0, lockouts = 0, locked_until = NULL
                        WHERE principal_id = ? AND (last_step IS NULL OR last_step < ?)""")
                .params(step, principalId, step).update() == 1;
    }

    /** When the current lock ends, if the second factor is locked. */
    Optional<Instant> lockedUntil(String principalId) {
        return jdbc.sql("SELECT locked_until FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .optional().flatMap(until -> until);
    }

    /**
     * Locks the second factor if {@code limit} attempts are counted and it is not locked yet, for the
     * time {@code length} gives for the number of earlier locks; returns the end of the new lock, or
     * empty if this attempt did not lock it. Exactly one failed attempt of a series locks it, whichever
     * node it ran on.
     */
    Optional<Lock> lock(String principalId, int limit, Function<Integer, Instant> until) {
        return transactions.execute(status -> {
            int lockouts = jdbc.sql("SELECT lockouts FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                    .query(Integer.class).optional().orElse(0);
            Instant end = until.apply(lockouts);
            boolean locked = jdbc.sql("""
                            UPDATE totp_enrolments SET locked_until = ?, lockouts = lockouts + 1
                            WHERE principal_id = ? AND failures >= ? AND locked_until IS NULL AND lockouts = ?""")
                    .params(utc(end), principalId, limit, lockouts).update() == 1;
            return locked ? Optional.of(new Lock(end, lockouts + 1)) : Optional.<Lock>empty();
        });
    }

    /** Lifts a lock and forgets the failures (an administrator's decision); returns whether there was an enrolment. */
    boolean unlock(String principalId) {
        return jdbc.sql("UPDATE totp_enrolments SET failures = 0, locked_until = NULL WHERE principal_id = ?")
                .param(principalId).update() == 1;
    }

    @Override
    public void destroy() {
        pool.close();
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A lock just set: when it ends, and how many locks there have been since a code was accepted. */
    record Lock(Instant until, int number) {
    }
}
