package io.inkan.server.audit;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.TokenRegistry;
import io.inkan.server.sam.ServicePurpose;
import io.inkan.server.sam.ServiceSigning;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key that signs checkpoints (L2). It is generated once, in the configured default token, and only
 * its public half is stored; signing is a service activation of the SAM ({@link ServiceSigning}) like every
 * other server-side token operation, so whoever can write the database still cannot forge a checkpoint.
 */
@Component
class AuditKey {

    static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_SHA256;
    private static final KeyAlgorithm KEY_ALGORITHM = KeyAlgorithm.EC_P256;

    private final JdbcClient jdbc;
    private final TokenRegistry tokens;
    private final ServiceSigning signing;
    private final SecureRandom random;
    private volatile Loaded loaded;

    AuditKey(JdbcClient jdbc, TokenRegistry tokens, ServiceSigning signing, SecureRandom random) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.signing = signing;
        this.random = random;
    }

    /** Loads the key, generating it on the first start; call while holding the chain head's lock. */
    void ensure() {
        if (loaded == null) {
            loaded = load().orElseGet(this::generate);
        }
    }

    /** The public key verifiers need; {@code null} before the first start finished. */
    PublicKey publicKey() {
        Loaded key = loaded != null ? loaded : load().orElse(null);
        return key == null ? null : key.publicKey();
    }

    /** Signs {@code content} (its SHA-256 reaches the token) with ECDSA P-256, DER-encoded. */
    byte[] sign(byte[] content) {
        ensure();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return signing.sign(loaded.ref(), loaded.publicKey(), ALGORITHM, digest, ServicePurpose.AUDIT_CHECKPOINT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private Optional<Loaded> load() {
        return jdbc.sql("SELECT token_name, handle, algorithm, public_key FROM audit_key WHERE id = 1")
                .query((rs, row) -> new Loaded(new KeyRef(rs.getString("token_name"), rs.getString("handle"),
                        KeyAlgorithm.parse(rs.getString("algorithm"))), decode(rs.getBytes("public_key"))))
                .optional();
    }

    private Loaded generate() {
        KeyToken token = tokens.get(null);
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        KeyRef ref = new KeyRef(token.name(), "inkan-audit-" + HexFormat.of().formatHex(handle), KEY_ALGORITHM);
        PublicKey publicKey = token.generate(ref.handle(), KEY_ALGORITHM);
        jdbc.sql("INSERT INTO audit_key (id, token_name, handle, algorithm, public_key, created_at) VALUES (1, ?, ?, ?, ?, ?)")
                .params(ref.tokenName(), ref.handle(), KEY_ALGORITHM.name(), publicKey.getEncoded(),
                        Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        return new Loaded(ref, publicKey);
    }

    private static PublicKey decode(byte[] spki) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored audit public key cannot be decoded", e);
        }
    }

    private record Loaded(KeyRef ref, PublicKey publicKey) {
    }
}
