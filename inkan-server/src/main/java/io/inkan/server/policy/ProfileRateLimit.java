package io.inkan.server.policy;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.signing.SigningProfile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/**
 * A profile's rate limit (W1): fixed windows of {@code period} counted in the shared database, so the
 * limit holds across all server nodes. A call is counted in a transaction of its own, before the work
 * it admits: an attempt that is refused later still counts, which is what a limit on attempts should do.
 * A refusal is 429 with {@code Retry-After} set to the seconds until the current window ends.
 *
 * <p>Not to be confused with the TSA's {@code PerNodeTokenBuckets} (decision 018): this limit is a
 * configured promise about a profile and must hold cluster-wide, so it pays a database round trip per
 * call; the TSA's only shields one node from floods and must cost nothing.
 */
@Component
public class ProfileRateLimit {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    ProfileRateLimit(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Counts one call on {@code profile}, or refuses it when the window's calls are used up. */
    public void admit(SigningProfile profile, SigningPolicy policy) {
        if (policy.rateLimit() == null) {
            return;
        }
        long period = policy.ratePeriod().toSeconds();
        long now = clock.instant().getEpochSecond();
        long window = now / period;
        boolean admitted;
        try {
            admitted = count(profile.id(), window, policy.rateLimit());
        } catch (DuplicateKeyException raced) {
            admitted = count(profile.id(), window, policy.rateLimit());
        }
        if (!admitted) {
            long retryAfter = Math.max(1, (window + 1) * period - now);
            throw new Refusal(Problem.RATE_LIMITED,
                    "Profile '" + profile.name() + "' allows " + policy.rateLimit() + " signing call(s) per "
                            + period + " s; retry in " + retryAfter + " s", Duration.ofSeconds(retryAfter));
        }
    }

    private boolean count(long profileId, long window, int limit) {
        return Boolean.TRUE.equals(ownTransaction.execute(status -> {
            int updated = jdbc.sql("""
                            UPDATE rate_windows SET calls = calls + 1
                            WHERE profile_id = ? AND window_start = ? AND calls < ?""")
                    .params(profileId, window, limit).update();
            if (updated == 1) {
                return true;
            }
            boolean exists = jdbc.sql("SELECT COUNT(*) FROM rate_windows WHERE profile_id = ? AND window_start = ?")
                    .params(profileId, window).query(Long.class).single() > 0;
            if (exists) {
                return false;
            }
            jdbc.sql("DELETE FROM rate_windows WHERE profile_id = ? AND window_start < ?").params(profileId, window).update();
            jdbc.sql("INSERT INTO rate_windows (profile_id, window_start, calls) VALUES (?, ?, 1)")
                    .params(profileId, window).update();
            return true;
        }));
    }
}
