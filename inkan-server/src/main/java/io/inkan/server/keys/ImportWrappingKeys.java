package io.inkan.server.keys;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.infra.serverkeys.ServerKey;
import io.inkan.server.infra.serverkeys.ServerKeys;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The import key of each token (K4): an RSA key pair generated in the token on first request, whose
 * public half clients wrap keys under. One per token, shared by all projects: it only ever unwraps, and
 * what it unwraps is bound to the project of the import request.
 *
 * <p>Created, raced and proven like every key the server keeps for itself ({@link ServerKeys}, decision
 * 018): nodes that race to create a token's import key both generate one, the first row wins and the
 * loser destroys its own, so every node wraps and unwraps with the same key; and a stored public half is
 * used only once the token has shown it holds the private half (at start-up for every configured token).
 */
@Component
public class ImportWrappingKeys implements ApplicationRunner {

    /** A token's import key: where its private half lives and its public half. */
    public record ImportKey(String tokenName, String handle, PublicKey publicKey) {
    }

    private final JdbcClient jdbc;
    private final TokenRegistry tokens;
    private final AuditLog audit;
    private final ServerKeys serverKeys;
    private final Clock clock;
    private final Set<String> proven = ConcurrentHashMap.newKeySet();

    ImportWrappingKeys(JdbcClient jdbc, TokenRegistry tokens, AuditLog audit, ServerKeys serverKeys, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.audit = audit;
        this.serverKeys = serverKeys;
        this.clock = clock;
    }

    /** At start-up, proves the import key of every configured token that has one. */
    @Override
    public void run(ApplicationArguments args) {
        tokens.all().forEach(token -> find(token.name()));
    }

    /** The token's import key, generated (and audited) on first use. */
    public ImportKey forToken(String tokenName) {
        ServerKeys.Obtained<ImportKey> obtained = serverKeys.obtain(new Rows(tokens.get(tokenName)));
        proven.add(obtained.key().handle());
        return obtained.key();
    }

    /** The token's import key if one was ever requested; without one, nothing can have been wrapped for it. */
    public Optional<ImportKey> find(String tokenName) {
        Rows rows = new Rows(tokens.get(tokenName));
        return rows.load().map(key -> {
            if (!proven.contains(key.handle())) {
                serverKeys.proven(rows, key);
                proven.add(key.handle());
            }
            return key;
        });
    }

    /** Where a token's import key is stored. */
    private final class Rows implements ServerKeys.Rows<ImportKey> {

        private final KeyToken token;

        Rows(KeyToken token) {
            this.token = token;
        }

        @Override
        public String name() {
            return "import key of token '" + token.name() + "'";
        }

        @Override
        public String tokenName() {
            return token.name();
        }

        @Override
        public String handlePrefix() {
            return "inkan-import-";
        }

        @Override
        public KeyAlgorithm algorithm() {
            return KeyAlgorithm.RSA_3072;
        }

        @Override
        public ServerKey.Use use() {
            return ServerKey.Use.UNWRAPS;
        }

        @Override
        public Optional<ImportKey> load() {
            return jdbc.sql("SELECT * FROM import_keys WHERE token_name = ?").param(token.name())
                    .query((rs, row) -> new ImportKey(rs.getString("token_name"), rs.getString("handle"),
                            decode(rs.getBytes("public_key"))))
                    .optional();
        }

        @Override
        public ServerKey keyOf(ImportKey stored) {
            return new ServerKey(stored.tokenName(), stored.handle(), KeyAlgorithm.RSA_3072, stored.publicKey(),
                    ServerKey.Use.UNWRAPS);
        }

        @Override
        public ImportKey store(ServerKey fresh) {
            jdbc.sql("INSERT INTO import_keys (token_name, handle, public_key, created_at) VALUES (?, ?, ?, ?)")
                    .params(token.name(), fresh.handle(), fresh.publicKey().getEncoded(),
                            clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            audit.record(AuditAction.IMPORT_KEY_CREATE, Outcome.SUCCESS, null, "import key of token '" + token.name()
                    + "' (" + token.kind() + ") generated, handle " + fresh.handle() + ", fingerprint "
                    + KeyFingerprint.hex(fresh.publicKey()));
            return new ImportKey(token.name(), fresh.handle(), fresh.publicKey());
        }
    }

    private static PublicKey decode(byte[] encoded) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored import key is not an RSA public key", e);
        }
    }
}
