package io.inkan.server.identity.totp;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Rows of {@code totp_enrolments}: enrolment and its encrypted secret. Used steps, attempts and locks are
 * kept by {@link SecondFactorLedger}.
 */
@Repository
class TotpRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    TotpRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean exists(String principalId) {
        return jdbc.sql("SELECT COUNT(*) FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                .query(Long.class).single() > 0;
    }

    void insert(String principalId, byte[] wrappedSecret) {
        jdbc.sql("INSERT INTO totp_enrolments (principal_id, secret_wrapped, created_at) VALUES (?, ?, ?)")
                .params(principalId, wrappedSecret, clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    boolean delete(String principalId) {
        return jdbc.sql("DELETE FROM totp_enrolments WHERE principal_id = ?").param(principalId).update() > 0;
    }

    Optional<byte[]> wrappedSecret(String principalId) {
        return jdbc.sql("SELECT secret_wrapped FROM totp_enrolments WHERE principal_id = ?").param(principalId)
                .query((rs, row) -> rs.getBytes(1)).optional();
    }
}
