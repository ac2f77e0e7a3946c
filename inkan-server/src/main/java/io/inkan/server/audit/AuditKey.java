package io.inkan.server.audit;

import io.inkan.client.audit.NoteKey;
import io.inkan.client.audit.SignedNote;
import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.infra.serverkeys.ServerKey;
import io.inkan.server.infra.serverkeys.ServerKeys;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.TokenRegistry;
import io.inkan.server.sam.ServicePurpose;
import io.inkan.server.sam.ServiceSigning;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key that signs checkpoints and vouches for receipt keys (L2), and the log's name (its origin). The
 * current key is generated in the configured default token and only its public half is stored; signing is
 * a service activation of the SAM ({@link ServiceSigning}), so whoever can write the database still cannot
 * forge a checkpoint. A rotation retires the current key and makes a new one; retired public keys stay
 * published, and every signature names its key, so verification spans rotations. A stored key is used
 * only once the token has signed a fresh challenge its public half verifies ({@link ServerKeys#prove},
 * decision 018); its creation stays under the chain head lock, which also orders rotations.
 */
@Component
class AuditKey {

    static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_SHA256;
    private static final KeyAlgorithm KEY_ALGORITHM = KeyAlgorithm.EC_P256;

    private final JdbcClient jdbc;
    private final TokenRegistry tokens;
    private final ServiceSigning signing;
    private final SecureRandom random;
    private final ServerKeys serverKeys;
    private final Clock clock;
    private final Set<String> proven = ConcurrentHashMap.newKeySet();
    private volatile Loaded current;

    AuditKey(JdbcClient jdbc, TokenRegistry tokens, ServiceSigning signing, SecureRandom random, ServerKeys serverKeys,
             Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.signing = signing;
        this.random = random;
        this.serverKeys = serverKeys;
        this.clock = clock;
    }

    /**
     * Loads the current key and the log's origin, creating them on the first start (or adopting the single
     * key of a trail from before decision 016); call while holding the chain head's lock.
     */
    void ensure() {
        if (current != null) {
            return;
        }
        if (origin().isEmpty()) {
            byte[] id = new byte[8];
            random.nextBytes(id);
            jdbc.sql("INSERT INTO audit_log (id, origin) VALUES (1, ?)")
                    .param("inkan.audit/" + HexFormat.of().formatHex(id)).update();
        }
        current = load().map(this::proven).orElseGet(() -> legacy().map(this::proven).orElseGet(this::generate));
    }

    /** The log's name, the first line of every checkpoint and the name of every audit key. */
    String originName() {
        return origin().orElseThrow(() -> new IllegalStateException("the audit log has not been created yet"));
    }

    /** The current key as note verifiers know it. */
    NoteKey current() {
        ensure();
        return current.noteKey(originName());
    }

    /** Every audit key the log has used, current and retired, oldest first. */
    List<PublishedKey> published() {
        return jdbc.sql("SELECT key_id, public_key, created_at, retired_at FROM audit_keys ORDER BY created_at, key_id")
                .query((rs, row) -> new PublishedKey(rs.getString("key_id"), decode(rs.getBytes("public_key")),
                        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("retired_at", java.time.OffsetDateTime.class))
                                .map(java.time.OffsetDateTime::toInstant).orElse(null)))
                .list();
    }

    /** The published keys as note verifiers know them. */
    List<NoteKey> noteKeys() {
        String origin = originName();
        return published().stream().map(key -> NoteKey.ecdsa(origin, key.publicKey())).toList();
    }

    /**
     * Signs a note's text with ECDSA P-256 (its SHA-256 reaches the token), by the key that is current in the
     * database now, so a rotation on another node takes effect at this node's next signature.
     */
    SignedNote signNote(String text) {
        ensure();
        current = load().map(this::proven).orElse(current);
        Loaded key = current;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            byte[] signature = signing.sign(key.ref(), key.publicKey(), ALGORITHM, digest, ServicePurpose.AUDIT_CHECKPOINT);
            return SignedNote.sign(text, key.noteKey(originName()), signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Retires the current key and makes a new one current; call while holding the chain head's lock. */
    NoteKey rotate() {
        ensure();
        jdbc.sql("UPDATE audit_keys SET retired_at = ? WHERE retired_at IS NULL")
                .param(clock.instant().atOffset(ZoneOffset.UTC)).update();
        current = generate();
        return current.noteKey(originName());
    }

    /** A stored key, once the token has shown it holds its private half. */
    private Loaded proven(Loaded key) {
        if (!proven.contains(key.ref().handle())) {
            serverKeys.prove("audit key", new ServerKey(key.ref().tokenName(), key.ref().handle(), key.ref().algorithm(),
                    key.publicKey(), ServerKey.Use.SIGNS));
            proven.add(key.ref().handle());
        }
        return key;
    }

    private Optional<String> origin() {
        return jdbc.sql("SELECT origin FROM audit_log WHERE id = 1").query(String.class).optional();
    }

    private Optional<Loaded> load() {
        return jdbc.sql("SELECT token_name, handle, algorithm, public_key FROM audit_keys WHERE retired_at IS NULL")
                .query((rs, row) -> new Loaded(new KeyRef(rs.getString("token_name"), rs.getString("handle"),
                        KeyAlgorithm.parse(rs.getString("algorithm"))), decode(rs.getBytes("public_key"))))
                .optional();
    }

    /** The single key of a trail begun before decision 016, taken over as the current key. */
    private Optional<Loaded> legacy() {
        return jdbc.sql("SELECT token_name, handle, algorithm, public_key FROM audit_key WHERE id = 1")
                .query((rs, row) -> new Loaded(new KeyRef(rs.getString("token_name"), rs.getString("handle"),
                        KeyAlgorithm.parse(rs.getString("algorithm"))), decode(rs.getBytes("public_key"))))
                .optional()
                .map(this::store);
    }

    private Loaded generate() {
        KeyToken token = tokens.get(null);
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        KeyRef ref = new KeyRef(token.name(), "inkan-audit-" + HexFormat.of().formatHex(handle), KEY_ALGORITHM);
        Loaded created = store(new Loaded(ref, token.generate(ref.handle(), KEY_ALGORITHM)));
        proven.add(ref.handle());
        return created;
    }

    private Loaded store(Loaded key) {
        jdbc.sql("INSERT INTO audit_keys (key_id, token_name, handle, algorithm, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(key.noteKey(originName()).idHex(), key.ref().tokenName(), key.ref().handle(), KEY_ALGORITHM.name(),
                        key.publicKey().getEncoded(), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return key;
    }

    private static PublicKey decode(byte[] spki) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored audit public key cannot be decoded", e);
        }
    }

    /** A published audit key: its note key ID, public half, and when it was current. */
    record PublishedKey(String id, PublicKey publicKey, Instant createdAt, Instant retiredAt) {
    }

    private record Loaded(KeyRef ref, PublicKey publicKey) {
        NoteKey noteKey(String origin) {
            return NoteKey.ecdsa(origin, publicKey);
        }
    }
}
