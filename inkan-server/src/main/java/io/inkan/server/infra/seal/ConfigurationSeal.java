package io.inkan.server.infra.seal;

import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Configuration integrity (M7): rows that decide who may sign what (profiles, policies, role bindings,
 * SADs, keys, API tokens, and any table another capability registers) carry a seal, an ECDSA P-256 signature by a key generated
 * in the default token ({@link SealSigner}). Whoever can write the database but not use the token cannot produce a seal,
 * so a row changed behind the service's back fails {@link #verify} when it is loaded: the load is
 * refused (a {@link Refusal} with the problem {@code configuration-tampered}), logged, counted
 * ({@code inkan.configuration.tampered}) and recorded in the audit trail.
 *
 * <p>Sealing costs one token operation (rows change rarely). Verifying needs only the public key, and
 * a row content already verified is remembered by its SHA-256, so the signing hot path pays one hash
 * and a set lookup per sealed row. The stored public key is trusted only after a fresh challenge signed
 * by the token verifies with it, so replacing it in the database is detected at start-up (decision 018:
 * the seal is infrastructure, the key and its signing stay in the SAM).
 *
 * <p>Usage: {@code seal("signing_profiles", List.of(...fields))} when writing; {@code verify(table,
 * rowDescription, seal, sameFields)} when reading. Fields are encoded unambiguously (type-tagged,
 * length-prefixed), so the field list must be the same, in the same order, on both sides.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ConfigurationSeal implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationSeal.class);
    private static final byte[] DOMAIN = "inkan/configuration-seal/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REMEMBERED = 100_000;

    private final JdbcClient jdbc;
    private final SealSigner signer;
    private final MeterRegistry meters;
    private final ObjectProvider<SealAuditor> audit;
    private final ObjectProvider<SealedTable> sealedTables;
    private final TransactionTemplate ownTransaction;
    private final Set<ByteBuffer> verified = ConcurrentHashMap.newKeySet();

    ConfigurationSeal(JdbcClient jdbc, SealSigner signer, MeterRegistry meters, ObjectProvider<SealAuditor> audit,
                      ObjectProvider<SealedTable> sealedTables, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.meters = meters;
        this.audit = audit;
        this.sealedTables = sealedTables;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Loads (and proves) or creates the seal key at start-up, right after the server start is recorded and
     * before other start-up work writes sealed rows; then seals, once, the existing rows of tables that a
     * migration put under the seal ({@code configuration_seal_adoptions}).
     */
    @Override
    public void run(ApplicationArguments args) {
        if (signer.key().created()) {
            // First start, or an installation upgraded from before sealing: seal the rows already there.
            sealedTables.orderedStream().forEach(table ->
                    reportAdopted(table, ownTransaction.execute(status -> table.adoptUnsealed())));
        }
        sealedTables.orderedStream().forEach(table -> {
            Integer adopted = ownTransaction.execute(status -> jdbc.sql(
                            "DELETE FROM configuration_seal_adoptions WHERE table_name = ?").param(table.table()).update() == 1
                    ? table.adoptUnsealed() : 0);
            reportAdopted(table, adopted == null ? 0 : adopted);
        });
    }

    /** The seal of a row of {@code table} with these field values (strings, numbers, byte arrays, instants, null). */
    public byte[] seal(String table, List<?> fields) {
        byte[] content = encode(table, fields);
        byte[] seal = signer.sign(sha256(content));
        remember(content, seal);
        return seal;
    }

    /**
     * Checks a loaded row; a missing or wrong seal is reported and refused (a {@link Refusal}, a
     * 500 problem of type {@code configuration-tampered}) naming {@code row} (e.g. "profile 'release' of project 'app'").
     */
    public void verify(String table, String row, byte[] seal, List<?> fields) {
        if (!isIntact(table, seal, fields)) {
            throw tampered(table, row);
        }
    }

    /** Whether the row's seal is valid, without reporting: for callers that report through {@link #tampered}. */
    public boolean isIntact(String table, byte[] seal, List<?> fields) {
        if (seal == null) {
            return false;
        }
        byte[] content = encode(table, fields);
        ByteBuffer fingerprint = fingerprint(content, seal);
        if (verified.contains(fingerprint)) {
            return true;
        }
        if (!verifySignature(signer.key().key().publicKey(), sha256(content), seal)) {
            return false;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.add(fingerprint);
        return true;
    }

    /** Reports a tampered row (log, metric, audit record after the current transaction) and returns the refusal. */
    public Refusal tampered(String table, String row) {
        log.error("configuration integrity violation: {} in table {} has no valid seal; it was changed outside Inkan",
                row, table);
        meters.counter("inkan.configuration.tampered", "table", table).increment();
        Runnable record = () -> ownTransaction.executeWithoutResult(status -> audit.getObject().tampered(
                row + " in table " + table + " failed its integrity check (M7) and was refused"));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // The refused transaction rolls back; the report must survive it.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    record.run();
                }
            });
        } else {
            record.run();
        }
        return new Refusal(Problem.CONFIGURATION_TAMPERED,
                "The stored " + row + " failed its integrity check and was refused; an operator must restore it");
    }

    private void reportAdopted(SealedTable table, int adopted) {
        if (adopted > 0) {
            log.warn("sealed {} row(s) of {} written before configuration sealing covered them", adopted, table.table());
            ownTransaction.executeWithoutResult(status -> audit.getObject().adopted(
                    adopted + " existing row(s) of " + table.table() + " sealed with the configuration seal key"));
        }
    }

    private void remember(byte[] content, byte[] seal) {
        verified.add(fingerprint(content, seal));
    }

    private static ByteBuffer fingerprint(byte[] content, byte[] seal) {
        MessageDigest sha256 = sha256Digest();
        sha256.update(content);
        sha256.update(seal);
        return ByteBuffer.wrap(sha256.digest());
    }

    /** Type-tagged, length-prefixed fields after a domain label and the table name. */
    static byte[] encode(String table, List<?> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        writeBytes(out, 'D', DOMAIN);
        writeBytes(out, 'T', table.getBytes(StandardCharsets.UTF_8));
        for (Object field : fields) {
            if (field == null) {
                writeBytes(out, 'N', new byte[0]);
            } else if (field instanceof byte[] bytes) {
                writeBytes(out, 'B', bytes);
            } else if (field instanceof Instant instant) {
                writeBytes(out, 'I', ascii(Long.toString(instant.toEpochMilli())));
            } else if (field instanceof Number number) {
                writeBytes(out, 'L', ascii(Long.toString(number.longValue())));
            } else if (field instanceof Enum<?> value) {
                writeBytes(out, 'S', value.name().getBytes(StandardCharsets.UTF_8));
            } else if (field instanceof String text) {
                writeBytes(out, 'S', text.getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IllegalArgumentException("cannot seal a " + field.getClass().getName());
            }
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeBytes(ByteArrayOutputStream out, char tag, byte[] value) {
        out.write(tag);
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static boolean verifySignature(PublicKey publicKey, byte[] digest, byte[] seal) {
        try {
            Signature verifier = Signature.getInstance("NONEwithECDSA");
            verifier.initVerify(publicKey);
            verifier.update(digest);
            return verifier.verify(seal);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] content) {
        return sha256Digest().digest(content);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
