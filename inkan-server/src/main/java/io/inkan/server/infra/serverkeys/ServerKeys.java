package io.inkan.server.infra.serverkeys;

import io.inkan.core.KeyAlgorithm;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * The one way the server obtains a key it keeps for itself (decision 018). Before, the audit, seal, TSA
 * and import keys each had their own creation and race handling, and only the seal key was checked
 * against the token; now every one goes through {@link #obtain}:
 * <ol>
 *   <li>a stored key is trusted only after the token signs a fresh challenge that its stored public
 *       half verifies, so a public key replaced in the database stops the start instead of being used;</li>
 *   <li>otherwise a key is generated in the token, outside any transaction, and its row inserted in a
 *       transaction of its own;</li>
 *   <li>a node that loses the insert to another node starting at the same moment destroys its own key
 *       and takes (and proves) the winner's, so every node uses the same key and no orphan is left.</li>
 * </ol>
 */
@Component
public class ServerKeys {

    private final ServerKeyTokens tokens;
    private final TransactionTemplate ownTransaction;

    ServerKeys(ServerKeyTokens tokens, PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The stored key, proven, or a new one stored by this call ({@link Obtained#created()}). */
    public <K> Obtained<K> obtain(Rows<K> rows) {
        Optional<K> stored = rows.load();
        if (stored.isPresent()) {
            return new Obtained<>(proven(rows, stored.get()), false);
        }
        ServerKey fresh = tokens.generate(rows.tokenName(), rows.handlePrefix(), rows.algorithm(), rows.use());
        try {
            return new Obtained<>(ownTransaction.execute(status -> rows.store(fresh)), true);
        } catch (DuplicateKeyException raced) {
            tokens.destroy(fresh);
            return new Obtained<>(proven(rows, rows.load().orElseThrow(() -> raced)), false);
        }
    }

    /**
     * {@code stored} if the token holds its private half.
     *
     * @throws IllegalStateException naming the key when it does not: its stored public half was replaced
     */
    public <K> K proven(Rows<K> rows, K stored) {
        prove(rows.name(), rows.keyOf(stored));
        return stored;
    }

    /**
     * Checks that the token holds the private half of {@code key}, for keys created another way (the audit
     * key, whose creation and rotation the chain head lock serializes).
     *
     * @param name the key's name in the error, e.g. "audit key"
     * @throws IllegalStateException when it does not: the stored public half was replaced
     */
    public void prove(String name, ServerKey key) {
        if (!tokens.proves(key)) {
            throw new IllegalStateException("the stored " + name + " (" + key.handle() + " in token '"
                    + key.tokenName() + "') does not match the token's key: its public key was changed in the database");
        }
    }

    /** A key obtained, and whether this call created it (for work that follows a first creation). */
    public record Obtained<K>(K key, boolean created) {
    }

    /** Where one kind of server key is stored, written by the capability that owns the table. */
    public interface Rows<K> {

        /** The key's name in errors and logs, e.g. "configuration seal key". */
        String name();

        /** The token to generate in; {@code null} for the default token. */
        default String tokenName() {
            return null;
        }

        String handlePrefix();

        KeyAlgorithm algorithm();

        default ServerKey.Use use() {
            return ServerKey.Use.SIGNS;
        }

        /** The stored key, if any node created one. */
        Optional<K> load();

        ServerKey keyOf(K stored);

        /**
         * Inserts the row of a freshly generated key; runs in a transaction of its own.
         *
         * @throws DuplicateKeyException when another node stored its key first
         */
        K store(ServerKey fresh);
    }
}
