package io.inkan.server.tsa;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.TokenRegistry;
import io.inkan.server.sam.ServicePurpose;
import io.inkan.server.sam.ServiceSigning;
import org.bouncycastle.operator.ContentSigner;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The TSA's own key (S5), separate from every project key so that a time-stamp never speaks for a
 * project. It is generated once, in the configured default token, on the first start of the first node;
 * the row lock on {@code tsa_state} keeps a second node starting at the same moment from generating a
 * second key. Only the public half and the certificate are stored.
 */
@Component
class TsaKey implements ApplicationRunner {

    static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_SHA256;
    private static final KeyAlgorithm KEY_ALGORITHM = KeyAlgorithm.EC_P256;

    private final JdbcClient jdbc;
    private final TokenRegistry tokens;
    private final ServiceSigning signing;
    private final SecureRandom random;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private volatile Loaded loaded;

    TsaKey(JdbcClient jdbc, TokenRegistry tokens, ServiceSigning signing, SecureRandom random, AuditLog audit,
           TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.signing = signing;
        this.random = random;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** On every start, after the start itself was recorded: the first start creates the key. */
    @Override
    public void run(ApplicationArguments args) {
        ensure();
    }

    /** Loads the key, generating it (and recording that) if no node has yet. */
    void ensure() {
        if (loaded == null) {
            loaded = transactions.execute(status -> {
                jdbc.sql("SELECT id FROM tsa_state WHERE id = 1 FOR UPDATE").query(Integer.class).single();
                return load().orElseGet(this::generate);
            });
        }
    }

    X509Certificate certificate() {
        ensure();
        return loaded.certificate();
    }

    /**
     * The one place a signer for time-stamp tokens is made: a fresh, single-use {@link ContentSigner} over
     * the token key (the signed attributes are hashed here, the token signs the digest).
     */
    ContentSigner contentSigner() {
        ensure();
        return signing.contentSigner(loaded.ref(), loaded.certificate().getPublicKey(), ALGORITHM,
                ServicePurpose.TIMESTAMP);
    }

    private Optional<Loaded> load() {
        return jdbc.sql("SELECT token_name, handle, algorithm, certificate FROM tsa_key WHERE id = 1")
                .query((rs, row) -> new Loaded(new KeyRef(rs.getString("token_name"), rs.getString("handle"),
                        KeyAlgorithm.parse(rs.getString("algorithm"))), decode(rs.getBytes("certificate"))))
                .optional();
    }

    private Loaded generate() {
        KeyToken token = tokens.get(null);
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        KeyRef ref = new KeyRef(token.name(), "inkan-tsa-" + HexFormat.of().formatHex(handle), KEY_ALGORITHM);
        PublicKey publicKey = token.generate(ref.handle(), KEY_ALGORITHM);
        X509Certificate certificate = TsaCertificate.issue(signing, ref, publicKey, random);
        try {
            jdbc.sql("""
                            INSERT INTO tsa_key (id, token_name, handle, algorithm, public_key, certificate, created_at)
                            VALUES (1, ?, ?, ?, ?, ?, ?)""")
                    .params(ref.tokenName(), ref.handle(), KEY_ALGORITHM.name(), publicKey.getEncoded(),
                            certificate.getEncoded(), Instant.now().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the TSA certificate", e);
        }
        audit.record(AuditLog.SYSTEM, AuditAction.TSA_KEY_CREATE, Outcome.SUCCESS, null, "time-stamping key " + KEY_ALGORITHM
                + " generated in token '" + token.name() + "', certificate serial "
                + certificate.getSerialNumber().toString(16));
        return new Loaded(ref, certificate);
    }

    private static X509Certificate decode(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored TSA certificate cannot be decoded", e);
        }
    }

    private record Loaded(KeyRef ref, X509Certificate certificate) {
    }
}
