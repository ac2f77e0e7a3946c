package io.inkan.server.identity.totp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Rows of {@code totp_enrolments}: the encrypted secret, the last time step accepted, and the count of
 * wrong codes with the lock it causes, all in the shared database so every node applies the same limit.
 */
@Repository
class TotpRepository {

    private final JdbcClient jdbc;

    TotpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String principalId) {
        return jdbc.sql("SELECT COUNT(*) FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                .query(Long.class).single() > 0;
    }

    void insert(String principalId, byte[] wrappedSecret) {
        jdbc.sql("INSERT INTO totp_enrolments (principal_id, secret_wrapped, created_at) VALUES (?, ?, ?)")
                .params(principalId, wrappedSecret, Instant.now().atOffset(ZoneOffset.UTC)).update();
    }

    boolean delete(String principalId) {
        return jdbc.sql("DELETE FROM totp_enrolments WHERE principal_id = ?").param(principalId).update() > 0;
    }

    Optional<byte[]> wrappedSecret(String principalId) {
        return jdbc.sql("SELECT secret_wrapped FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                .query((rs, row) -> rs.getBytes(1)).optional();
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

    /**
     * Counts one attempt before its code is checked, unless the second factor is locked or already has
     * {@code limit} attempts counted; a lock that has run out is lifted by the attempt, which is then the
     * first of a new series. One conditional update, so concurrent attempts on any node cannot pass the limit.
     */
    boolean admit(String principalId, int limit, Instant now) {
        Object at = utc(now);
        return jdbc.sql("""
                        UPDATE totp_enrolments
                        SET failures = CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END, locked_until = NULL
                        WHERE principal_id = ? AND ((locked_until IS NULL AND failures < ?) OR locked_until <= ?)""")
                .params(principalId, limit, at).update() == 1;
    }

    /** When the current lock ends, if the second factor is locked. */
    Optional<Instant> lockedUntil(String principalId) {
        return jdbc.sql("SELECT locked_until FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .optional().flatMap(until -> until);
    }

    /** Locks seen so far without an accepted code, which sets how long the next lock lasts. */
    int lockouts(String principalId) {
        return jdbc.sql("SELECT lockouts FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                .query(Integer.class).optional().orElse(0);
    }

    /**
     * Locks the second factor until {@code until} if {@code limit} attempts are counted, it is not locked
     * yet and {@code lockouts} is still the number of earlier locks; exactly one failed attempt of a series
     * therefore locks it, whichever node it ran on.
     */
    boolean lock(String principalId, int limit, int lockouts, Instant until) {
        return jdbc.sql("""
                        UPDATE totp_enrolments SET locked_until = ?, lockouts = lockouts + 1
                        WHERE principal_id = ? AND failures >= ? AND locked_until IS NULL AND lockouts = ?""")
                .params(utc(until), principalId, limit, lockouts).update() == 1;
    }

    /** Lifts a lock and forgets the failures (an administrator's decision); returns whether there was an enrolment. */
    boolean unlock(String principalId) {
        return jdbc.sql("UPDATE totp_enrolments SET failures = 0, locked_until = NULL WHERE principal_id = ?")
                .param(principalId).update() == 1;
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
