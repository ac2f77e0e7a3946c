package io.inkan.server.tsa;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.infra.serverkeys.ServerKey;
import io.inkan.server.infra.serverkeys.ServerKeys;
import io.inkan.server.keys.KeyRef;
import io.inkan.server.sam.ServicePurpose;
import io.inkan.server.sam.ServiceSigning;
import org.bouncycastle.operator.ContentSigner;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The TSA's own key (S5), separate from every project key so that a time-stamp never speaks for a
 * project. It is generated once, in the configured default token, on the first start of the first node,
 * and proven against the token on every start, like every key the server keeps for itself
 * ({@link ServerKeys}, decision 018): a second node starting at the same moment loses the insert, destroys
 * its own key and takes the first one's. Only the public half and the certificate are stored.
 */
@Component
class TsaKey implements ApplicationRunner, ServerKeys.Rows<TsaKey.Loaded> {

    static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ECDSA_SHA256;
    private static final KeyAlgorithm KEY_ALGORITHM = KeyAlgorithm.EC_P256;

    private final JdbcClient jdbc;
    private final ServerKeys serverKeys;
    private final ServiceSigning signing;
    private final SecureRandom random;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Loaded loaded;

    TsaKey(JdbcClient jdbc, ServerKeys serverKeys, ServiceSigning signing, SecureRandom random, AuditLog audit,
           Clock clock) {
        this.jdbc = jdbc;
        this.serverKeys = serverKeys;
        this.signing = signing;
        this.random = random;
        this.audit = audit;
        this.clock = clock;
    }

    /** On every start, after the start itself was recorded: the first start creates the key, later ones prove it. */
    @Override
    public void run(ApplicationArguments args) {
        ensure();
    }

    /** Loads and proves the key, generating it (and recording that) if no node has yet. */
    void ensure() {
        if (loaded == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = serverKeys.obtain(this).key();
                }
            }
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

    @Override
    public String name() {
        return "TSA key";
    }

    @Override
    public String handlePrefix() {
        return "inkan-tsa-";
    }

    @Override
    public KeyAlgorithm algorithm() {
        return KEY_ALGORITHM;
    }

    @Override
    public ServerKey keyOf(Loaded stored) {
        return new ServerKey(stored.ref().tokenName(), stored.ref().handle(), stored.ref().algorithm(),
                stored.certificate().getPublicKey(), ServerKey.Use.SIGNS);
    }

    @Override
    public Optional<Loaded> load() {
        return jdbc.sql("SELECT token_name, handle, algorithm, certificate FROM tsa_key WHERE id = 1")
                .query((rs, row) -> new Loaded(new KeyRef(rs.getString("token_name"), rs.getString("handle"),
                        KeyAlgorithm.parse(rs.getString("algorithm"))), decode(rs.getBytes("certificate"))))
                .optional();
    }

    /** Issues the new key's certificate and stores both, recording the creation in the same transaction. */
    @Override
    public Loaded store(ServerKey fresh) {
        KeyRef ref = new KeyRef(fresh.tokenName(), fresh.handle(), fresh.algorithm());
        X509Certificate certificate = TsaCertificate.issue(signing, ref, fresh.publicKey(), random, clock.instant());
        try {
            jdbc.sql("""
                            INSERT INTO tsa_key (id, token_name, handle, algorithm, public_key, certificate, created_at)
                            VALUES (1, ?, ?, ?, ?, ?, ?)""")
                    .params(ref.tokenName(), ref.handle(), KEY_ALGORITHM.name(), fresh.publicKey().getEncoded(),
                            certificate.getEncoded(), clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the TSA certificate", e);
        }
        audit.record(AuditLog.SYSTEM, AuditAction.TSA_KEY_CREATE, Outcome.SUCCESS, null, "time-stamping key " + KEY_ALGORITHM
                + " generated in token '" + ref.tokenName() + "', certificate serial "
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

    record Loaded(KeyRef ref, X509Certificate certificate) {
    }
}
