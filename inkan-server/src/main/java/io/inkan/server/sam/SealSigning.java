package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.infra.seal.SealSigner;
import io.inkan.server.infra.serverkeys.ServerKey;
import io.inkan.server.infra.serverkeys.ServerKeys;
import io.inkan.server.keys.KeyRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The configuration seal key (M7) and the one service activation that signs with it. The key is an
 * ECDSA P-256 key in the default token, obtained like every server key ({@link ServerKeys}): the stored
 * public half ({@code configuration_seal_key}) is trusted only after the token signs a fresh challenge it
 * verifies, so replacing it in the database stops the start.
 */
@Component
class SealSigning implements SealSigner, ServerKeys.Rows<ServerKey> {

    private static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_SHA256;
    private static final KeyAlgorithm KEY_ALGORITHM = KeyAlgorithm.EC_P256;

    private final JdbcClient jdbc;
    private final ServerKeys serverKeys;
    private final ServiceSigning signing;
    private final Clock clock;
    private volatile ServerKeys.Obtained<ServerKey> key;

    SealSigning(JdbcClient jdbc, ServerKeys serverKeys, ServiceSigning signing, Clock clock) {
        this.jdbc = jdbc;
        this.serverKeys = serverKeys;
        this.signing = signing;
        this.clock = clock;
    }

    @Override
    public ServerKeys.Obtained<ServerKey> key() {
        ServerKeys.Obtained<ServerKey> current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = serverKeys.obtain(this);
                }
                current = key;
            }
        }
        return current;
    }

    @Override
    public byte[] sign(byte[] digest) {
        ServerKey sealKey = key().key();
        return signing.sign(new KeyRef(sealKey.tokenName(), sealKey.handle(), sealKey.algorithm()), sealKey.publicKey(),
                ALGORITHM, digest, ServicePurpose.CONFIGURATION_SEAL);
    }

    @Override
    public String name() {
        return "configuration seal key";
    }

    @Override
    public String handlePrefix() {
        return "inkan-seal-";
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KEY_ALGORITHM;
    }

    @Override
    public Optional<ServerKey> load() {
        return jdbc.sql("SELECT token_name, handle, algorithm, public_key FROM configuration_seal_key WHERE id = 1")
                .query((rs, row) -> new ServerKey(rs.getString("token_name"), rs.getString("handle"),
                        KeyAlgorithm.parse(rs.getString("algorithm")), decode(rs.getBytes("public_key")),
                        ServerKey.Use.SIGNS))
                .optional();
    }

    @Override
    public ServerKey keyOf(ServerKey stored) {
        return stored;
    }

    @Override
    public ServerKey store(ServerKey fresh) {
        jdbc.sql("""
                        INSERT INTO configuration_seal_key (id, token_name, handle, algorithm, public_key, created_at)
                        VALUES (1, ?, ?, ?, ?, ?)""")
                .params(fresh.tokenName(), fresh.handle(), fresh.algorithm().name(), fresh.publicKey().getEncoded(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return fresh;
    }

    private static PublicKey decode(byte[] spki) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored configuration seal key cannot be decoded", e);
        }
    }
}
