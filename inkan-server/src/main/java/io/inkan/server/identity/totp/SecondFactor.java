package io.inkan.server.identity.totp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.inkan.core.api.TotpEnrolmentView;
import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.infra.secrets.MasterKey;
import io.inkan.server.notifications.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The TOTP second factor (A6, RFC 6238), separate from login: a human principal enrols once and later
 * proves possession with a code, e.g. to authorise a level-2 key use (M5). Codes of the previous, current
 * and next 30-second step are accepted, each step at most once per principal, so a code seen by a
 * shoulder-surfer or replayed from a log is refused within its window too.
 *
 * <p>Six digits are guessable at speed, so wrong codes are limited (issue 15): each attempt is counted
 * before its code is checked, after {@code inkan.throttling.second-factor-failures} wrong ones in a row
 * the second factor locks (429), each further lock lasting twice as long until a code is accepted, and
 * every lock is recorded and reported to the administrators and to the custodians and webhooks of the
 * principal's projects. The count lives in the database and every change to it commits at once
 * ({@link SecondFactorLedger}), so a refused request's rollback does not undo it and all nodes share one limit.
 */
@Service
public class SecondFactor {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SecondFactor.class);
    private static final Duration LONGEST_LOCK = Duration.ofDays(1);
    private static final int SECRET_BYTES = 20;
    private static final int DIGITS = 6;

    private final TotpRepository repository;
    private final SecondFactorLedger ledger;
    private final TotpSecrets secrets;
    private final SecureRandom random;
    private final TransactionTemplate ownTransaction;
    private final AuditLog audit;
    private final Notifications notifications;
    private final int maxFailures;
    private final Duration firstLock;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);
    private final Clock clock;

    SecondFactor(TotpRepository repository, SecondFactorLedger ledger, InkanProperties properties, SecureRandom random,
                 MasterKey masterKey, PlatformTransactionManager transactions, AuditLog audit,
                 Notifications notifications, Clock clock) {
        this.repository = repository;
        this.ledger = ledger;
        this.secrets = new TotpSecrets(masterKey);
        this.random = random;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.audit = audit;
        this.notifications = notifications;
        this.maxFailures = properties.throttling().secondFactorFailures();
        this.firstLock = properties.throttling().secondFactorLock();
        this.clock = clock;
    }

    /** Creates the caller's enrolment and returns its secret, the only time it is ever shown. */
    public TotpEnrolmentView enrol(InkanPrincipal principal) {
        requireHuman(principal);
        if (repository.exists(principal.id())) {
            throw new Refusal(Problem.TOTP_ENROLLED,
                    "This principal already has a second factor; an administrator must reset it");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        repository.insert(principal.id(), secrets.encrypt(principal.id(), secret));
        String encoded = Base32.encode(secret);
        String label = URLEncoder.encode("Inkan:" + principal.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return new TotpEnrolmentView(encoded, "otpauth://totp/" + label + "?secret=" + encoded
                + "&issuer=Inkan&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds());
    }

    /**
     * Removes a principal's enrolment (lost phone), so they can enrol again; returns whether there was one.
     * Only administrators call this, and it is recorded.
     */
    public boolean reset(InkanPrincipal principal) {
        return repository.delete(principal.id());
    }

    /**
     * Accepts a fresh code of the caller's second factor, or refuses it: 403 for a wrong, stale or reused
     * code, 429 with {@code Retry-After} while the second factor is locked (the refusal is recorded by the caller).
     */
    public void verify(InkanPrincipal principal, String code) {
        requireHuman(principal);
        byte[] wrapped = repository.wrappedSecret(principal.id()).orElseThrow(() -> new Refusal(
                Problem.TOTP_NOT_ENROLLED, "This principal has no second factor yet"));
        Instant now = clock.instant();
        if (!ledger.admit(principal.id(), maxFailures, now)) {
            throw locked(ledger.lockedUntil(principal.id()).orElse(now), now);
        }
        long matched = matchingStep(principal, wrapped, code, now);
        if (matched < 0 || !ledger.consume(principal.id(), matched)) {
            lockIfLimitReached(principal);
            throw refused();
        }
    }

    /**
     * Lifts the lock of a principal's second factor and forgets its wrong codes (an administrator's
     * decision, recorded by the caller); the next lock still lasts longer. Returns whether it is enrolled.
     */
    public boolean unlock(InkanPrincipal principal) {
        return ledger.unlock(principal.id());
    }

    /** The time step whose code {@code code} is, among the previous, current and next; -1 for none. */
    private long matchingStep(InkanPrincipal principal, byte[] wrapped, String code, Instant now) {
        if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
            return -1;
        }
        Key key = new SecretKeySpec(secrets.decrypt(principal.id(), wrapped), "HmacSHA1");
        long current = now.getEpochSecond() / STEP.toSeconds();
        long matched = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                matched = step;
            }
        }
        return matched;
    }

    /**
     * After a wrong code: the failure that fills the limit locks, then records and reports the lock in a
     * transaction of its own (the request's own rolls back). That transaction takes a second connection of
     * the main pool, which is safe because it happens once per lock, not once per attempt.
     */
    private void lockIfLimitReached(InkanPrincipal principal) {
        ledger.lock(principal.id(), maxFailures, this::lockEnd).ifPresent(lock -> {
            LOG.warn("Second factor of principal '{}' locked until {} after {} wrong codes in a row (lock {})",
                    principal.name(), lock.until(), maxFailures, lock.number());
            ownTransaction.executeWithoutResult(status -> {
                audit.record(AuditAction.TOTP_LOCK, Outcome.DENIED, null, "second factor of '" + principal.name() + "' locked until "
                        + lock.until() + " after " + maxFailures + " wrong codes in a row (lock " + lock.number() + ")");
                notifications.publishSecondFactorLocked(principal.id(), principal.name(), lock.until(), maxFailures);
            });
        });
    }

    /** The end of a lock after {@code earlierLocks} locks: the first lock's length, doubled each time, at most a day. */
    private Instant lockEnd(int earlierLocks) {
        Duration length = earlierLocks >= 20 ? LONGEST_LOCK : firstLock.multipliedBy(1L << earlierLocks);
        return clock.instant().plus(length.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : length);
    }

    private static Refusal locked(Instant until, Instant now) {
        long retryAfter = Math.max(1, Duration.between(now, until).toSeconds());
        return new Refusal(Problem.SECOND_FACTOR_LOCKED,
                "Too many wrong codes: this second factor is locked; retry in " + retryAfter
                        + " s or ask an administrator to unlock it", Duration.ofSeconds(retryAfter));
    }

    private String code(Key key, long step) {
        try {
            return generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireHuman(InkanPrincipal principal) {
        if (!"human".equals(principal.kind())) {
            throw new Refusal(Problem.FORBIDDEN,
                    "A second factor belongs to a human principal authenticated by client certificate");
        }
    }

    private static Refusal refused() {
        return new Refusal(Problem.SECOND_FACTOR_REFUSED,
                "The code is wrong, outside its time window, or already used");
    }
}
