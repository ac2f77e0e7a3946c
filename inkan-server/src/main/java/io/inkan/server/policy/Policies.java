package io.inkan.server.policy;

import io.inkan.core.api.PolicyRequest;
import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.infra.seal.ConfigurationSeal;
import io.inkan.server.infra.seal.SealedTable;
import io.inkan.server.signing.SigningProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Stores and checks each profile's {@link SigningPolicy}. A policy is replaced as a whole, so what is
 * stored is always one consistent set of rules that was checked together. Each row is sealed when written
 * and verified when loaded (M7), so an approval requirement lowered in the database behind the service's
 * back is refused instead of obeyed.
 */
@Service
public class Policies implements SealedTable {

    private static final String TABLE = "signing_policies";

    static final int MAX_APPROVALS = 10;
    static final int MAX_PATTERNS = 50;
    static final int MAX_PATTERN_LENGTH = 200;
    static final int MAX_WINDOW_DIGESTS = 1_000_000;
    static final Duration MAX_DURATION = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final ConfigurationSeal seal;
    /** Verified policies by profile id, cached under the configuration generation (decision 013). */
    private final ConfigurationGeneration.Cache<Long, SigningPolicy> byProfile;
    private final Clock clock;

    Policies(JdbcClient jdbc, ConfigurationSeal seal, ConfigurationGeneration generation, Clock clock) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.byProfile = generation.cache(10_000);
        this.clock = clock;
    }

    /** The profile's policy, or the automatic default if none was ever set. */
    public SigningPolicy get(SigningProfile profile) {
        return byProfile.get(profile.id(), id -> jdbc.sql("SELECT * FROM signing_policies WHERE profile_id = ?").param(id)
                .query((rs, row) -> {
                    SigningPolicy policy = map(rs, row);
                    seal.verify(TABLE, "policy of profile '" + profile.name() + "' of project '" + profile.project() + "'",
                            rs.getBytes("seal"), sealed(profile.id(), policy));
                    return policy;
                })
                .optional().orElseGet(SigningPolicy::automatic));
    }

    /** Validates and stores {@code request} as the profile's whole policy; call inside a transaction. */
    public SigningPolicy set(SigningProfile profile, PolicyRequest request) {
        SigningPolicy policy = validate(request);
        if (policy.needsApproval() && policy.approvalLevel() < profile.authorizationLevel()) {
            throw invalid("profile '" + profile.name() + "' is at key authorization level " + profile.authorizationLevel()
                    + ": its approvals must be at level " + profile.authorizationLevel() + " too (approvalLevel)");
        }
        jdbc.sql("DELETE FROM signing_policies WHERE profile_id = ?").param(profile.id()).update();
        jdbc.sql("""
                        INSERT INTO signing_policies (profile_id, approvals_required, approval_level, window_max_digests,
                            window_seconds, name_patterns, rate_limit, rate_period_seconds, request_timeout_seconds,
                            reminder_seconds, updated_at, seal)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(profile.id(), policy.approvalsRequired(), policy.approvalLevel(), policy.windowMaxDigests(),
                        policy.windowDuration() == null ? null : policy.windowDuration().toSeconds(),
                        policy.namePatterns().globs().isEmpty() ? null : String.join("\n", policy.namePatterns().globs()),
                        policy.rateLimit(), policy.ratePeriod() == null ? null : policy.ratePeriod().toSeconds(),
                        policy.requestTimeout().toSeconds(), policy.reminderBefore().toSeconds(),
                        policy.updatedAt().atOffset(ZoneOffset.UTC), seal.seal(TABLE, sealed(profile.id(), policy)))
                .update();
        return policy;
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public int adoptUnsealed() {
        record Unsealed(long profileId, SigningPolicy policy) {
        }
        List<Unsealed> rows = jdbc.sql("SELECT * FROM signing_policies WHERE seal IS NULL")
                .query((rs, row) -> new Unsealed(rs.getLong("profile_id"), map(rs, row))).list();
        rows.forEach(row -> jdbc.sql("UPDATE signing_policies SET seal = ? WHERE profile_id = ?")
                .params(seal.seal(TABLE, sealed(row.profileId(), row.policy())), row.profileId())
                .update());
        return rows.size();
    }

    /** What a policy's seal covers: the profile it governs and every rule of it, as stored. */
    private static List<Object> sealed(long profileId, SigningPolicy policy) {
        return java.util.Arrays.asList(profileId, policy.approvalsRequired(), policy.approvalLevel(),
                policy.windowMaxDigests(), policy.windowDuration() == null ? null : policy.windowDuration().toSeconds(),
                String.join("\n", policy.namePatterns().globs()), policy.rateLimit(),
                policy.ratePeriod() == null ? null : policy.ratePeriod().toSeconds(), policy.requestTimeout().toSeconds(),
                policy.reminderBefore().toSeconds(), policy.updatedAt());
    }

    private SigningPolicy validate(PolicyRequest request) {
        int approvals = request.approvalsRequired() == null ? 0 : request.approvalsRequired();
        if (approvals < 0 || approvals > MAX_APPROVALS) {
            throw invalid("approvalsRequired must be between 0 (automatic) and " + MAX_APPROVALS);
        }
        int level = request.approvalLevel() == null ? 1 : request.approvalLevel();
        if (level != 1 && level != 2) {
            throw invalid("approvalLevel must be 1 or 2");
        }
        if (level == 2 && approvals == 0) {
            throw invalid("approvalLevel 2 needs approvalsRequired of at least 1");
        }
        Integer windowDigests = null;
        Duration windowDuration = null;
        if (request.releaseWindow() != null) {
            if (approvals == 0) {
                throw invalid("a release window must be approved: set approvalsRequired to at least 1");
            }
            windowDigests = request.releaseWindow().maxDigests();
            windowDuration = Duration.ofSeconds(request.releaseWindow().durationSeconds());
            if (windowDigests < 1 || windowDigests > MAX_WINDOW_DIGESTS) {
                throw invalid("releaseWindow.maxDigests must be between 1 and " + MAX_WINDOW_DIGESTS);
            }
            requireDuration("releaseWindow.durationSeconds", windowDuration);
        }
        List<String> patterns = request.namePatterns() == null ? List.of() : request.namePatterns();
        if (patterns.size() > MAX_PATTERNS) {
            throw invalid("at most " + MAX_PATTERNS + " namePatterns");
        }
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank() || pattern.length() > MAX_PATTERN_LENGTH || pattern.contains("\n")
                    || !Globs.valid(pattern)) {
                throw invalid("namePatterns must be globs of 1 to " + MAX_PATTERN_LENGTH + " characters on one line");
            }
        }
        Integer rate = null;
        Duration period = null;
        if (request.rateLimit() != null) {
            rate = request.rateLimit().calls();
            period = Duration.ofSeconds(request.rateLimit().periodSeconds());
            if (rate < 1 || request.rateLimit().periodSeconds() < 1 || period.compareTo(Duration.ofDays(1)) > 0) {
                throw invalid("rateLimit needs calls of at least 1 and periodSeconds between 1 and 86400");
            }
        }
        Duration timeout = request.requestTimeoutSeconds() == null ? SigningPolicy.DEFAULT_TIMEOUT
                : Duration.ofSeconds(request.requestTimeoutSeconds());
        requireDuration("requestTimeoutSeconds", timeout);
        Duration reminder;
        if (request.reminderSeconds() == null) {
            reminder = SigningPolicy.DEFAULT_REMINDER.compareTo(timeout) < 0 ? SigningPolicy.DEFAULT_REMINDER : Duration.ZERO;
        } else {
            reminder = Duration.ofSeconds(request.reminderSeconds());
            if (reminder.isNegative() || reminder.compareTo(timeout) >= 0) {
                throw invalid("reminderSeconds must be at least 0 and shorter than requestTimeoutSeconds");
            }
        }
        return new SigningPolicy(approvals, level, windowDigests, windowDuration,
                new SigningPolicy.NamePatterns(patterns), rate, period, timeout, reminder,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static void requireDuration(String field, Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw invalid(field + " must be between 1 and " + MAX_DURATION.toSeconds());
        }
    }

    private static Refusal invalid(String detail) {
        return new Refusal(Problem.INVALID_POLICY, detail);
    }

    private static SigningPolicy map(ResultSet rs, int row) throws SQLException {
        String patterns = rs.getString("name_patterns");
        long windowSeconds = rs.getLong("window_seconds");
        boolean window = !rs.wasNull();
        long periodSeconds = rs.getLong("rate_period_seconds");
        boolean limited = !rs.wasNull();
        return new SigningPolicy(rs.getInt("approvals_required"), rs.getInt("approval_level"),
                window ? rs.getInt("window_max_digests") : null, window ? Duration.ofSeconds(windowSeconds) : null,
                new SigningPolicy.NamePatterns(patterns == null ? List.of() : Arrays.asList(patterns.split("\n"))),
                limited ? rs.getInt("rate_limit") : null, limited ? Duration.ofSeconds(periodSeconds) : null,
                Duration.ofSeconds(rs.getLong("request_timeout_seconds")), Duration.ofSeconds(rs.getLong("reminder_seconds")),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
