package io.inkan.server.sam;

import io.inkan.core.DigestAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.infra.seal.ConfigurationSeal;
import io.inkan.server.keys.KeyActivations;
import io.inkan.server.keys.KeyState;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Signature Activation Module's client side (M1-M5): issues SADs and turns a verified SAD into an
 * {@link SigningCapability}, the only way a client digest reaches a token.
 *
 * <p>A SAD is an opaque random handle (256 bits from {@link SecureRandom}, M8) handed to the client; the
 * database keeps its SHA-256, the principal, key, algorithm, level and factors, issue and expiry time,
 * and one row per authorized digest, all covered by a {@link ConfigurationSeal} so a SAD cannot be
 * forged or widened in the database (M2). Signing with a SAD is three steps: {@link #reserve} (one
 * short transaction: lock the SAD row, check it, mark the digests RESERVED, and a SAD to be renewed
 * RENEWING), the token operation outside any transaction, then {@link #complete} (mark them CONSUMED,
 * move what remains of a renewed SAD to its successor). Every state change is a conditional UPDATE whose
 * row count is checked, so each digest is signed at most once and a SAD is renewed at most once on any
 * number of server nodes sharing the database (M3, M4), whatever the interleaving.
 *
 * <p>A level-1 profile (or a level-2 profile inside a release window approved at level 2) may also sign
 * without a SAD: {@link #implicit} activates the key for the checked inputs of that one request, in
 * memory, so that path costs no extra statement.
 */
@Service
public class SignatureActivation {

    static final String TABLE = "signature_activations";
    private static final String HANDLE_PREFIX = "inkan_sad_";
    private static final int HANDLE_BYTES = 32;
    private static final Duration MIN_TTL = Duration.ofSeconds(1);
    private static final int MAX_FACTORS_LENGTH = 128;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final ConfigurationSeal seal;
    private final TokenSigner signer;
    private final Keys keys;
    private final KeyActivations keyActivations;
    private final SecureRandom random;
    private final SamProperties properties;
    private final Clock clock;

    SignatureActivation(JdbcClient jdbc, JdbcTemplate batch, ConfigurationSeal seal, TokenSigner signer, Keys keys,
                        KeyActivations keyActivations, SecureRandom random, SamProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.seal = seal;
        this.signer = signer;
        this.keys = keys;
        this.keyActivations = keyActivations;
        this.random = random;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Issues a SAD for exactly the grant's digests. Joins the caller's transaction (e.g. the approval of
     * a signing request), so the SAD exists only if that transaction commits; the caller records the
     * event in the audit trail. Refuses (400/409 problems) empty or oversized digest lists, duplicates,
     * wrong digest lengths, a key that is not active, an algorithm that does not fit the key, a level
     * other than 1 or 2, factors that do not fit the 128-character column, and a lifetime under a second
     * or beyond {@code inkan.sam.max-sad-ttl}.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public IssuedSad issue(SadGrant grant) {
        SigningKey key = keys.byId(grant.keyId());
        requireActive(key);
        if (grant.algorithm().keyFamily() != key.algorithm().family()) {
            throw new Refusal(Problem.ALGORITHM_KEY_MISMATCH,
                    grant.algorithm() + " cannot be used with " + key.algorithm() + " key '" + key.name() + "'");
        }
        if (grant.level() != 1 && grant.level() != 2) {
            throw new Refusal(Problem.INVALID_LEVEL, "level must be 1 or 2");
        }
        Duration ttl = grant.ttl() == null ? properties.sadTtl() : grant.ttl();
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(properties.maxSadTtl()) > 0) {
            throw new Refusal(Problem.INVALID_TTL,
                    "A SAD lives at least " + MIN_TTL.toSeconds() + " s and at most " + properties.maxSadTtl());
        }
        String factorList = String.join(",", grant.factors());
        if (factorList.length() > MAX_FACTORS_LENGTH
                || grant.factors().stream().anyMatch(factor -> factor.isBlank() || factor.contains(","))) {
            throw new Refusal(Problem.INVALID_FACTORS, "factors are non-blank names without ','"
                    + ", at most " + MAX_FACTORS_LENGTH + " characters together");
        }
        List<byte[]> stored = storedForms(grant.algorithm(), grant.digests());
        keyActivations.requireActivated(key);
        return insert(grant.principalId(), key.id(), grant.algorithm(), stored, grant.level(), grant.factors(), ttl,
                now().plus(ttl), null);
    }

    /**
     * Issues the grant's SAD again, for a client that lost the first answer: the one earlier SAD with the
     * same principal, key and factors (e.g. {@code approval:<request id>}) is revoked and a new handle for
     * the same digests is minted, expiring when the earlier one does, chained to it. Refuses with
     * {@code sad-used} (409) once any digest of it was reserved or signed, or it was renewed, and with
     * {@code sad-expired} (409) once it expired. The earlier SAD's row is locked first, so a concurrent
     * signing request with it either reserves before (and this refuses) or finds it revoked. Joins the
     * caller's transaction; the caller records the event.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public IssuedSad reissue(SadGrant grant) {
        record Earlier(long id, SadState state, Instant expiresAt, long ttlSeconds) {
        }
        List<Earlier> earlier = jdbc.sql("""
                        SELECT id, state, expires_at, ttl_seconds FROM signature_activations
                        WHERE principal_id = ? AND key_id = ? AND factors = ? AND state <> ? ORDER BY id FOR UPDATE""")
                .params(grant.principalId(), grant.keyId(), String.join(",", grant.factors()), SadState.REVOKED.name())
                .query((rs, row) -> new Earlier(rs.getLong("id"), SadState.valueOf(rs.getString("state")),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getLong("ttl_seconds")))
                .list();
        Refusal used = new Refusal(Problem.SAD_USED, "The SAD was already used (or renewed); "
                + "it cannot be issued again");
        if (earlier.size() != 1 || earlier.get(0).state() != SadState.ISSUED) {
            throw used;
        }
        Earlier previous = earlier.get(0);
        if (jdbc.sql("SELECT COUNT(*) FROM sad_digests WHERE sad_id = ? AND state <> ?")
                .params(previous.id(), SadDigestState.AUTHORIZED.name()).query(Long.class).single() > 0) {
            throw used;
        }
        Duration left = Duration.between(now(), previous.expiresAt());
        if (left.compareTo(MIN_TTL) < 0 || left.compareTo(properties.maxSadTtl()) > 0) {
            throw new Refusal(Problem.SAD_EXPIRED_ON_REISSUE, "The SAD expired at " + previous.expiresAt()
                    + "; it cannot be issued again");
        }
        if (!moveSad(previous.id(), SadState.ISSUED, SadState.REVOKED)) {
            throw used;
        }
        SigningKey key = keys.byId(grant.keyId());
        requireActive(key);
        keyActivations.requireActivated(key);
        return insert(grant.principalId(), key.id(), grant.algorithm(), storedForms(grant.algorithm(), grant.digests()),
                grant.level(), grant.factors(), Duration.ofSeconds(previous.ttlSeconds()), previous.expiresAt(),
                previous.id());
    }

    /**
     * Activates the key for one request that carries no SAD: the login is the authorization (M5 level 1),
     * or the {@code window} the batch was counted against, at its approval level; the activation covers
     * exactly the checked {@code inputs}. A profile above that level refuses with {@code sad-required}.
     *
     * @param window the approved release window of the batch, {@code null} if none
     */
    public SigningCapability implicit(int profileLevel, ApprovedWindow window, SigningKey key, SignatureAlgorithm algorithm,
                               List<byte[]> inputs) {
        int level = window == null ? 1 : Math.max(1, window.approvalLevel());
        if (profileLevel > level) {
            throw new Refusal(Problem.SAD_REQUIRED,
                    "This profile is at key authorization level " + profileLevel
                            + ": authorize the digests first (with a second factor) and sign with the SAD"
                            + (window == null ? "" : "; its release window was approved at level " + level));
        }
        requireActive(key);
        keyActivations.requireActivated(key);
        return SigningCapability.implicit(key, algorithm, inputs, signer, window);
    }

    /**
     * Step 1 of signing with a SAD; call inside a short transaction and commit before signing. Locks the
     * SAD's row (so concurrent users of one SAD, on any node, queue here), checks that it belongs to
     * {@code principal}, is neither consumed nor expired, was authorized at {@code requiredLevel} or above
     * (the profile's), activates {@code key} with {@code algorithm}, and covers every input, each not yet
     * used; then marks those digests RESERVED. With {@code renew} (batch method 2, M4) it also claims the
     * SAD for renewal (ISSUED to RENEWING), so from now on it is refused to every other request, and only
     * this one can mint its successor.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SigningCapability reserve(InkanPrincipal principal, String sadHandle, int requiredLevel, SigningKey key,
                              SignatureAlgorithm algorithm, List<byte[]> inputs, boolean renew) {
        StoredSad sad = lock(sadHandle);
        if (!sad.principalId().equals(principal.id())) {
            throw new Refusal(Problem.SAD_FOREIGN,
                    "The SAD was issued to another principal");
        }
        if (sad.state() != SadState.ISSUED) {
            throw consumed();
        }
        if (!clock.instant().isBefore(sad.expiresAt())) {
            throw new Refusal(Problem.SAD_EXPIRED, "The SAD expired at " + sad.expiresAt());
        }
        if (sad.keyId() != key.id()) {
            throw new Refusal(Problem.SAD_KEY_MISMATCH,
                    "The SAD does not activate key '" + key.name() + "'");
        }
        if (sad.level() < requiredLevel) {
            throw new Refusal(Problem.SAD_LEVEL_INSUFFICIENT,
                    "The SAD was authorized at level " + sad.level() + "; this profile needs level " + requiredLevel);
        }
        if (sad.algorithm() != algorithm) {
            throw new Refusal(Problem.SAD_ALGORITHM_MISMATCH,
                    "The SAD authorizes " + sad.algorithm() + ", not " + algorithm);
        }
        requireActive(key);
        Map<ByteBuffer, StoredSad.Digest> byValue = new HashMap<>();
        sad.digests().forEach(digest -> byValue.put(ByteBuffer.wrap(digest.value()), digest));
        List<byte[]> stored = storedForms(algorithm, inputs, false);
        Set<Integer> reserved = new HashSet<>();
        List<Integer> positions = new ArrayList<>(inputs.size());
        for (int i = 0; i < stored.size(); i++) {
            StoredSad.Digest digest = byValue.get(ByteBuffer.wrap(stored.get(i)));
            if (digest == null) {
                throw new Refusal(Problem.SAD_DIGEST_NOT_COVERED,
                        "items[" + i + "] is not one of the " + sad.count() + " digests the SAD authorizes");
            }
            if (digest.state() != SadDigestState.AUTHORIZED || !reserved.add(digest.position())) {
                throw new Refusal(Problem.SAD_DIGEST_USED,
                        "items[" + i + "] was already signed (or is being signed) under this SAD; each digest is single-use");
            }
            positions.add(digest.position());
        }
        if (moveDigests(sad.id(), positions, SadDigestState.AUTHORIZED, SadDigestState.RESERVED) != positions.size()) {
            throw new Refusal(Problem.SAD_DIGEST_USED,
                    "A digest of this batch was signed (or is being signed) meanwhile; each digest is single-use");
        }
        if (renew && !moveSad(sad.id(), SadState.ISSUED, SadState.RENEWING)) {
            throw consumed();
        }
        return SigningCapability.withSad(key, algorithm, inputs, signer, sad, positions, renew);
    }

    /**
     * Step 3 of signing with a SAD, after the token signed; call inside the transaction that records the
     * signature. Locks the SAD row (so completions of one SAD queue, on any node) and marks the reserved
     * digests CONSUMED; a plain use consumes the SAD once none of its digests is left or in flight. A
     * renewal (claimed in {@link #reserve}) consumes the SAD and moves the digests still AUTHORIZED, as the
     * database holds them now, to a new SAD chained to it, with the original lifetime from now: digests
     * reserved by a concurrent plain use stay with that use, so no digest ends up in two SADs.
     *
     * @return the renewed SAD, if the activation renews and digests remain
     * @throws IllegalStateException if a state the reservation set was changed meanwhile; the transaction
     *                               then rolls back and the signatures are not returned
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<IssuedSad> complete(SigningCapability activation) {
        StoredSad sad = activation.sad();
        if (sad == null) {
            return Optional.empty();
        }
        jdbc.sql("SELECT id FROM signature_activations WHERE id = ? FOR UPDATE").param(sad.id()).query(Long.class).single();
        List<Integer> positions = activation.positions();
        if (moveDigests(sad.id(), positions, SadDigestState.RESERVED, SadDigestState.CONSUMED) != positions.size()) {
            throw new IllegalStateException("the reserved digests of SAD " + sad.id() + " changed while the token signed");
        }
        if (!activation.renews()) {
            boolean anyLeft = jdbc.sql("SELECT COUNT(*) FROM sad_digests WHERE sad_id = ? AND state IN (?, ?)")
                    .params(sad.id(), SadDigestState.AUTHORIZED.name(), SadDigestState.RESERVED.name()).query(Long.class).single() > 0;
            if (!anyLeft) {
                moveSad(sad.id(), SadState.ISSUED, SadState.CONSUMED);
            }
            return Optional.empty();
        }
        if (!moveSad(sad.id(), SadState.RENEWING, SadState.CONSUMED)) {
            throw new IllegalStateException("SAD " + sad.id() + " was claimed for renewal but is no longer RENEWING");
        }
        List<byte[]> remaining = jdbc.sql("SELECT digest FROM sad_digests WHERE sad_id = ? AND state = ? ORDER BY position")
                .params(sad.id(), SadDigestState.AUTHORIZED.name()).query((rs, row) -> rs.getBytes("digest")).list();
        if (remaining.isEmpty()) {
            return Optional.empty();
        }
        int moved = jdbc.sql("UPDATE sad_digests SET state = ? WHERE sad_id = ? AND state = ?")
                .params(SadDigestState.RENEWED.name(), sad.id(), SadDigestState.AUTHORIZED.name()).update();
        if (moved != remaining.size()) {
            throw new IllegalStateException("the remaining digests of SAD " + sad.id() + " changed during its renewal");
        }
        Duration ttl = Duration.ofSeconds(sad.ttlSeconds());
        return Optional.of(insert(sad.principalId(), sad.keyId(), sad.algorithm(), remaining, sad.level(), sad.factors(),
                ttl, now().plus(ttl), sad.id()));
    }

    /**
     * Undoes a reservation after the token failed, so the digests can be signed again under the SAD, and
     * gives up a renewal claim. A digest a renewal already moved on stays with the successor.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void release(SigningCapability activation) {
        if (activation.sad() != null) {
            moveDigests(activation.sad().id(), activation.positions(), SadDigestState.RESERVED, SadDigestState.AUTHORIZED);
            if (activation.renews()) {
                moveSad(activation.sad().id(), SadState.RENEWING, SadState.ISSUED);
            }
        }
    }

    private IssuedSad insert(String principalId, long keyId, SignatureAlgorithm algorithm, List<byte[]> digests,
                             int level, List<String> factors, Duration ttl, Instant expiry, Long predecessorId) {
        if (digests.isEmpty() || digests.size() > properties.maxSadDigests()) {
            throw new Refusal(Problem.INVALID_SAD_SIZE,
                    "A SAD authorizes 1 to " + properties.maxSadDigests() + " digests, not " + digests.size());
        }
        Set<ByteBuffer> distinct = new HashSet<>();
        for (int i = 0; i < digests.size(); i++) {
            if (!distinct.add(ByteBuffer.wrap(digests.get(i)))) {
                throw new Refusal(Problem.DUPLICATE_DIGEST,
                        "digests[" + i + "] appears earlier in the list; a SAD authorizes each digest once");
            }
        }
        byte[] handle = new byte[HANDLE_BYTES];
        random.nextBytes(handle);
        String sad = HANDLE_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(handle);
        byte[] sadHash = sha256(sad.getBytes(StandardCharsets.US_ASCII));
        Instant issuedAt = now();
        Instant expiresAt = expiry.truncatedTo(ChronoUnit.MILLIS);
        String factorList = String.join(",", factors);
        byte[] rowSeal = seal.seal(TABLE, sealedFields(sadHash, principalId, keyId, algorithm, digests.size(), level,
                factorList, ttl.toSeconds(), issuedAt, expiresAt, predecessorId, digests));
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO signature_activations (sad_hash, principal_id, key_id, algorithm, digest_count,
                            auth_level, factors, ttl_seconds, issued_at, expires_at, predecessor_id, seal, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sadHash, principalId, keyId, algorithm.name(), digests.size(), level, factorList, ttl.toSeconds(),
                        issuedAt.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC), predecessorId, rowSeal,
                        SadState.ISSUED.name())
                .update(id, "id");
        long sadId = id.getKey().longValue();
        List<Object[]> rows = new ArrayList<>(digests.size());
        for (int i = 0; i < digests.size(); i++) {
            rows.add(new Object[] {sadId, i, digests.get(i), SadDigestState.AUTHORIZED.name()});
        }
        batch.batchUpdate("INSERT INTO sad_digests (sad_id, position, digest, state) VALUES (?, ?, ?, ?)", rows);
        return new IssuedSad(sad, expiresAt, digests.size());
    }

    private StoredSad lock(String sadHandle) {
        if (sadHandle == null || !sadHandle.startsWith(HANDLE_PREFIX) || sadHandle.length() > 100) {
            throw new Refusal(Problem.SAD_INVALID, "The SAD is malformed");
        }
        byte[] sadHash = sha256(sadHandle.getBytes(StandardCharsets.US_ASCII));
        StoredSad sad = jdbc.sql("SELECT * FROM signature_activations WHERE sad_hash = ? FOR UPDATE").param(sadHash)
                .query((rs, row) -> {
                    long predecessor = rs.getLong("predecessor_id");
                    Long predecessorId = rs.wasNull() ? null : predecessor;
                    String factors = rs.getString("factors");
                    return new StoredSad(rs.getLong("id"), rs.getString("principal_id"), rs.getLong("key_id"),
                            SignatureAlgorithm.valueOf(rs.getString("algorithm")), rs.getInt("digest_count"),
                            rs.getInt("auth_level"), factors.isEmpty() ? List.of() : List.of(factors.split(",")),
                            rs.getLong("ttl_seconds"), rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("expires_at", OffsetDateTime.class).toInstant(), predecessorId,
                            rs.getBytes("sad_hash"), rs.getBytes("seal"), SadState.valueOf(rs.getString("state")), List.of());
                })
                .optional()
                .orElseThrow(() -> new Refusal(Problem.SAD_INVALID,
                        "The SAD is unknown: it was never issued by this service"));
        List<StoredSad.Digest> digests = jdbc.sql("SELECT position, digest, state FROM sad_digests WHERE sad_id = ? ORDER BY position")
                .param(sad.id())
                .query((rs, row) -> new StoredSad.Digest(rs.getInt("position"), rs.getBytes("digest"),
                        SadDigestState.valueOf(rs.getString("state"))))
                .list();
        seal.verify(TABLE, "SAD " + sad.id(), sad.seal(), sealedFields(sad.sadHash(), sad.principalId(), sad.keyId(),
                sad.algorithm(), sad.count(), sad.level(), String.join(",", sad.factors()), sad.ttlSeconds(),
                sad.issuedAt(), sad.expiresAt(), sad.predecessorId(), digests.stream().map(StoredSad.Digest::value).toList()));
        return new StoredSad(sad.id(), sad.principalId(), sad.keyId(), sad.algorithm(), sad.count(), sad.level(),
                sad.factors(), sad.ttlSeconds(), sad.issuedAt(), sad.expiresAt(), sad.predecessorId(), sad.sadHash(),
                sad.seal(), sad.state(), digests);
    }

    private static List<Object> sealedFields(byte[] sadHash, String principalId, long keyId, SignatureAlgorithm algorithm,
                                             int count, int level, String factors, long ttlSeconds, Instant issuedAt,
                                             Instant expiresAt, Long predecessorId, List<byte[]> digests) {
        MessageDigest all = sha256Digest();
        digests.forEach(digest -> {
            all.update((byte) digest.length);
            all.update(digest);
        });
        return Arrays.asList(sadHash, principalId, keyId, algorithm, count, level, factors, ttlSeconds, issuedAt,
                expiresAt, predecessorId, all.digest());
    }

    /** Moves the digests at {@code positions} from state {@code from} to {@code to}; returns how many moved. */
    private int moveDigests(long sadId, List<Integer> positions, SadDigestState from, SadDigestState to) {
        return jdbc.sql("UPDATE sad_digests SET state = :to WHERE sad_id = :sad AND state = :from AND position IN (:positions)")
                .param("to", to.name()).param("sad", sadId).param("from", from.name()).param("positions", positions).update();
    }

    /** Moves the SAD from state {@code from} to {@code to}; false if it was not in {@code from}. */
    private boolean moveSad(long sadId, SadState from, SadState to) {
        return jdbc.sql("UPDATE signature_activations SET state = ?, consumed_at = ? WHERE id = ? AND state = ?")
                .params(to.name(), to == SadState.ISSUED ? null : now().atOffset(ZoneOffset.UTC), sadId, from.name())
                .update() == 1;
    }

    private static Refusal consumed() {
        return new Refusal(Problem.SAD_CONSUMED,
                "The SAD was already used up or renewed (or is being renewed); it is single-use");
    }

    /** Grants name the values as the signing request carries them; checks their length. */
    private static List<byte[]> storedForms(SignatureAlgorithm algorithm, List<byte[]> values) {
        return storedForms(algorithm, values, true);
    }

    /**
     * The form a value is stored in: the digest itself for pre-hashed algorithms, the SHA-256 of the data
     * for pure Ed25519 (data can be up to 1 KiB and needs no storing).
     */
    private static List<byte[]> storedForms(SignatureAlgorithm algorithm, List<byte[]> values, boolean check) {
        List<byte[]> stored = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i);
            if (check) {
                SigningInput.require(algorithm, value, "digests[" + i + "]");
            }
            if (algorithm.isPrehashed()) {
                stored.add(value.clone());
            } else {
                stored.add(DigestAlgorithm.SHA256.newDigest().digest(value));
            }
        }
        return stored;
    }

    private static void requireActive(SigningKey key) {
        if (key.state() != KeyState.ACTIVE) {
            throw new Refusal(Problem.KEY_NOT_ACTIVE,
                    "Key '" + key.name() + "' is " + key.state().name().toLowerCase() + " and cannot sign");
        }
    }


    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static byte[] sha256(byte[] value) {
        return sha256Digest().digest(value);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
