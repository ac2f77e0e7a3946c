package io.inkan.server.audit;

import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.InclusionPromise;
import io.inkan.client.audit.NoteKey;
import io.inkan.client.audit.ReceiptKeyStatement;
import io.inkan.client.audit.SignedNote;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * This node's receipt key (decision 016): an Ed25519 key made fresh at every start, whose private half
 * lives only in this process's memory, vouched for by the audit key in the token through a signed statement
 * stored in {@code audit_receipt_keys}. It signs a promise of inclusion for every record this node appends
 * (tens of microseconds, where a token signature per record would halve signing throughput), which is the
 * receipt a signing response carries and what a record forged into the database cannot have.
 */
@Component
class ReceiptKey {

    private final JdbcClient jdbc;
    private final AuditKey auditKey;
    private final SecureRandom random;
    private volatile Loaded loaded;
    /** Records this node promised lately, so its own checkpoints need not verify their promises. */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, String> promisedHere = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Clock clock;
    private static final int MAX_REMEMBERED = 1 << 16;

    ReceiptKey(JdbcClient jdbc, AuditKey auditKey, SecureRandom random, Clock clock) {
        this.jdbc = jdbc;
        this.auditKey = auditKey;
        this.random = random;
        this.clock = clock;
    }

    /** Makes this run's key and has the audit key vouch for it; call once the audit key exists. */
    void ensure() {
        if (loaded != null) {
            return;
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(random);
        byte[] publicKey = key.generatePublicKey().getEncoded();
        String origin = auditKey.originName();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        SignedNote statement = auditKey.signNote(new ReceiptKeyStatement(origin, publicKey, now).text());
        jdbc.sql("INSERT INTO audit_receipt_keys (public_key, statement, created_at) VALUES (?, ?, ?)")
                .params(Base64.getEncoder().encodeToString(publicKey), statement.format(), now.atOffset(ZoneOffset.UTC))
                .update();
        loaded = new Loaded(key, NoteKey.ed25519(origin, publicKey), statement.format(), origin);
    }

    /** The signed promise that {@code entry} is in the log, as a signed note. */
    String promise(AuditEntry entry, Instant time) {
        Loaded key = loaded;
        if (key == null) {
            throw new IllegalStateException("the receipt key is made at start-up, before the first record");
        }
        String text = new InclusionPromise(key.origin(), entry.seq(), entry.hash(), time).text();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key.privateKey());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        signer.update(bytes, 0, bytes.length);
        return SignedNote.sign(text, key.noteKey(), signer.generateSignature()).format();
    }

    /**
     * Remembers that this node wrote {@code entry}, so its own checkpoints need not verify the promise. Called
     * once the record is inserted: a record chained to a head that another writer moved first is promised but
     * never written, and must not shadow the record that was.
     */
    void written(AuditEntry entry) {
        promisedHere.put(entry.seq(), entry.hash());
        // Forget what a checkpoint has long covered; headMap().clear() costs O(log n), size() would walk the map.
        promisedHere.headMap(entry.seq() - MAX_REMEMBERED).clear();
    }

    /**
     * Whether record {@code seq} with {@code hash} carries a valid promise: one this node made (remembered,
     * no signature to check), or one by a node run the audit key vouched for.
     */
    boolean promised(long seq, String hash, String promise, java.util.function.Supplier<List<NoteKey>> vouched) {
        return hash.equals(promisedHere.get(seq)) || InclusionPromise.promises(promise, seq, hash, vouched.get());
    }

    /** The receipt keys of every node run that the audit key vouched for. */
    List<NoteKey> vouchedKeys(List<NoteKey> auditKeys) {
        return statements().stream().flatMap(statement -> ReceiptKeyStatement.vouchedBy(statement, auditKeys).stream())
                .toList();
    }

    /** The audit key's statement vouching for this node's receipt key. */
    String statement() {
        return loaded.statement();
    }

    String origin() {
        return loaded.origin();
    }

    /** Every node run's statement, for verifiers. */
    List<String> statements() {
        return jdbc.sql("SELECT statement FROM audit_receipt_keys ORDER BY created_at").query(String.class).list();
    }

    private record Loaded(Ed25519PrivateKeyParameters privateKey, NoteKey noteKey, String statement, String origin) {
    }
}
