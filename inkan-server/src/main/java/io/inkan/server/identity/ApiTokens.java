package io.inkan.server.identity;

import io.inkan.core.api.TokenView;
import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks API tokens (A2): 256 random bits from SecureRandom, shown once, stored as SHA-256,
 * carrying exactly one role binding (a project role, or admin), always expiring, revocable, with the
 * time of last use in listings so unused CI credentials can be found and revoked.
 *
 * <p>A plain hash suffices (no slow KDF): the secret has 256 bits of entropy, so the stored hash
 * cannot be brute-forced, and lookup by hash keeps verification constant-time in the secret.
 *
 * <p>Tokens are looked up on every request, so their rows are cached per node under the configuration
 * generation (decision 013): issuing or revoking a token is an audited change, which every node notices
 * on its next request. Expiry is checked on each use against the cached row.
 */
@Service
public class ApiTokens {

    /** Every secret starts with this, so secret scanners and humans recognise a leaked token. */
    public static final String PREFIX = "inkan_";
    private static final int SECRET_BYTES = 32;
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_LIFETIME_DAYS = 366;

    /** At most this many tokens are cached, and their last uses remembered, per node. */
    private static final int CACHED_TOKENS = 10_000;

    private final ApiTokenRepository repository;
    private final SecureRandom random;
    private final ConfigurationGeneration.Cache<String, ApiTokenRecord> bySecretHash;
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();
    private final Clock clock;

    ApiTokens(ApiTokenRepository repository, SecureRandom random, ConfigurationGeneration generation, Clock clock) {
        this.repository = repository;
        this.random = random;
        this.bySecretHash = generation.cache(CACHED_TOKENS);
        this.clock = clock;
    }

    /** Creates a token and returns it with its secret; the secret is not retrievable afterwards. */
    public TokenView issue(String name, Role role, Long projectId, String project, int lifetimeDays) {
        if (lifetimeDays < 1 || lifetimeDays > MAX_LIFETIME_DAYS) {
            throw new Refusal(Problem.INVALID_EXPIRY,
                    "expiresInDays must be between 1 and " + MAX_LIFETIME_DAYS);
        }
        byte[] raw = new byte[SECRET_BYTES];
        random.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String id = UUID.randomUUID().toString();
        Instant expiresAt = clock.instant().plus(Duration.ofDays(lifetimeDays));
        repository.insert(id, name, hash(secret), role, projectId, expiresAt);
        return new TokenView(id, name, role.apiName(), project, expiresAt, null, secret);
    }

    /** The principal behind a presented secret, if the token exists and is neither expired nor revoked. */
    public Optional<InkanPrincipal> authenticate(String presentedSecret) {
        if (presentedSecret == null || !presentedSecret.startsWith(PREFIX) || presentedSecret.length() > 128) {
            return Optional.empty();
        }
        byte[] presentedHash = hash(presentedSecret);
        Instant now = clock.instant();
        return Optional.ofNullable(bySecretHash.get(HexFormat.of().formatHex(presentedHash),
                        key -> repository.findBySecretHash(presentedHash).orElse(null)))
                .filter(token -> MessageDigest.isEqual(token.secretHash(), presentedHash))
                .filter(token -> token.usableAt(now))
                .map(token -> {
                    touch(token, now);
                    return token.principal();
                });
    }

    /**
     * Records the last use at most once per {@link #TOUCH_INTERVAL} and node: the cached row keeps the
     * time it was loaded with, so this node remembers its own later writes.
     */
    private void touch(ApiTokenRecord token, Instant now) {
        Instant touched = lastTouched.get(token.id());
        Instant lastUse = touched == null || (token.lastUsedAt() != null && token.lastUsedAt().isAfter(touched))
                ? token.lastUsedAt() : touched;
        if (lastUse == null || lastUse.isBefore(now.minus(TOUCH_INTERVAL))) {
            repository.touch(token.id(), now);
            if (lastTouched.size() >= CACHED_TOKENS) {
                lastTouched.clear();
            }
            lastTouched.put(token.id(), now);
        }
    }

    public List<TokenView> list() {
        return repository.findAll().stream()
                .map(t -> new TokenView(t.id(), t.name(), t.role().apiName(), t.project(), t.expiresAt(), t.lastUsedAt(), null))
                .toList();
    }

    public void revoke(String id) {
        if (!repository.revoke(id)) {
            throw Refusal.notFound("Active token", id);
        }
    }

    boolean anyActiveAdmin() {
        return repository.anyActiveAdmin();
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
