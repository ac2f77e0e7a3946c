package io.inkan.server.keys;

import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The import key of each token (K4): an RSA key pair generated in the token on first request, whose
 * public half clients wrap keys under. One per token, shared by all projects: it only ever unwraps, and
 * what it unwraps is bound to the project of the import request.
 *
 * <p>Nodes that race to create a token's import key both generate one; the first row wins and the loser
 * destroys its own, so every node wraps and unwraps with the same key.
 */
@Component
public class ImportWrappingKeys {

    /** A token's import key: where its private half lives and its public half. */
    public record ImportKey(String tokenName, String handle, PublicKey publicKey) {
    }

    private final JdbcClient jdbc;
    private final TokenRegistry tokens;
    private final AuditLog audit;
    private final SecureRandom random;
    private final TransactionTemplate ownTransaction;

    ImportWrappingKeys(JdbcClient jdbc, TokenRegistry tokens, AuditLog audit, SecureRandom random,
               PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.audit = audit;
        this.random = random;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The token's import key, generated (and audited) on first use. */
    public ImportKey forToken(String tokenName) {
        KeyToken token = tokens.get(tokenName);
        return find(token.name()).orElseGet(() -> create(token));
    }

    /** The token's import key if one was ever requested; without one, nothing can have been wrapped for it. */
    public Optional<ImportKey> find(String tokenName) {
        return jdbc.sql("SELECT * FROM import_keys WHERE token_name = ?").param(tokenName)
                .query((rs, row) -> new ImportKey(rs.getString("token_name"), rs.getString("handle"),
                        decode(rs.getBytes("public_key"))))
                .optional();
    }

    private ImportKey create(KeyToken token) {
        byte[] handleBytes = new byte[16];
        random.nextBytes(handleBytes);
        String handle = "inkan-import-" + HexFormat.of().formatHex(handleBytes);
        PublicKey publicKey = token.generateImportKey(handle);
        try {
            ownTransaction.executeWithoutResult(status -> {
                jdbc.sql("INSERT INTO import_keys (token_name, handle, public_key, created_at) VALUES (?, ?, ?, ?)")
                        .params(token.name(), handle, publicKey.getEncoded(), Instant.now().atOffset(ZoneOffset.UTC))
                        .update();
                audit.record(AuditAction.IMPORT_KEY_CREATE, Outcome.SUCCESS, null, "import key of token '" + token.name()
                        + "' (" + token.kind() + ") generated, handle " + handle + ", fingerprint "
                        + KeyFingerprint.hex(publicKey));
            });
        } catch (DuplicateKeyException raced) {
            token.destroy(handle);
            return find(token.name()).orElseThrow(() -> raced);
        }
        return new ImportKey(token.name(), handle, publicKey);
    }

    private static PublicKey decode(byte[] encoded) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored import key is not an RSA public key", e);
        }
    }
}
