package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Rows of {@code signing_keys}: where each key lives and its public material. */
@Repository
class KeyRepository {

    private static final String SELECT = """
            SELECT k.*, p.name AS project, c.chain AS chain
            FROM signing_keys k JOIN projects p ON p.id = k.project_id
            LEFT JOIN key_certificate_chains c ON c.key_id = k.id
            """;

    private final JdbcClient jdbc;

    KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException when the name is taken in the project or the
     *                                                        public key is bound already (any project)
     */
    void insert(long projectId, String name, KeyRef ref, TokenKind kind, PublicKey publicKey,
                X509Certificate certificate, java.time.Instant createdAt, KeyOrigin origin)
            throws GeneralSecurityException {
        jdbc.sql("""
                        INSERT INTO signing_keys (project_id, name, algorithm, token_name, token_kind, handle,
                                                  public_key, certificate, state, created_at, public_key_sha256,
                                                  origin)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, name, ref.algorithm().name(), ref.tokenName(), kind.name(), ref.handle(),
                        publicKey.getEncoded(), certificate.getEncoded(), KeyState.ACTIVE.name(),
                        createdAt.atOffset(ZoneOffset.UTC), KeyFingerprint.of(publicKey), origin.name())
                .update();
    }

    /** The key (of any project) whose public key has this SHA-256 fingerprint. */
    Optional<SigningKey> findByFingerprint(byte[] fingerprint) {
        return jdbc.sql(SELECT + " WHERE k.public_key_sha256 = ?").param(fingerprint)
                .query(KeyRepository::map).optional();
    }

    /** Moves the key from {@code from} to {@code to}; false if another request changed its state first. */
    boolean updateState(long id, KeyState from, KeyState to) {
        return jdbc.sql("UPDATE signing_keys SET state = ? WHERE id = ? AND state = ?")
                .params(to.name(), id, from.name()).update() == 1;
    }

    Optional<SigningKey> find(long projectId, String name) {
        return jdbc.sql(SELECT + " WHERE k.project_id = ? AND k.name = ?").params(projectId, name)
                .query(KeyRepository::map).optional();
    }

    Optional<SigningKey> findById(long id) {
        return jdbc.sql(SELECT + " WHERE k.id = ?").param(id).query(KeyRepository::map).optional();
    }

    /**
     * Replaces the key's chain: the leaf becomes {@code signing_keys.certificate}, the whole chain is kept
     * as a PkiPath. Call inside a transaction.
     */
    void attachChain(long keyId, List<X509Certificate> chain, String source, java.time.Instant now)
            throws GeneralSecurityException {
        byte[] pkiPath = CertificateFactory.getInstance("X.509").generateCertPath(chain).getEncoded("PkiPath");
        X509Certificate leaf = chain.get(0);
        jdbc.sql("UPDATE signing_keys SET certificate = ? WHERE id = ?").params(leaf.getEncoded(), keyId).update();
        jdbc.sql("DELETE FROM key_certificate_chains WHERE key_id = ?").param(keyId).update();
        jdbc.sql("""
                        INSERT INTO key_certificate_chains (key_id, chain, source, not_after, attached_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(keyId, pkiPath, source, leaf.getNotAfter().toInstant().atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Every key of every project, for the periodic certificate-expiry check. */
    List<SigningKey> all() {
        return jdbc.sql(SELECT + " ORDER BY k.id").query(KeyRepository::map).list();
    }

    List<SigningKey> list(long projectId) {
        return jdbc.sql(SELECT + " WHERE k.project_id = ? ORDER BY k.name").param(projectId)
                .query(KeyRepository::map).list();
    }

    private static SigningKey map(ResultSet rs, int row) throws SQLException {
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(rs.getString("algorithm"));
        try {
            PublicKey publicKey = KeyFactory.getInstance(algorithm.family().jcaName())
                    .generatePublic(new X509EncodedKeySpec(rs.getBytes("public_key")));
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            byte[] chain = rs.getBytes("chain");
            List<X509Certificate> certificates = chain != null
                    ? factory.generateCertPath(new ByteArrayInputStream(chain), "PkiPath").getCertificates().stream()
                            .map(X509Certificate.class::cast).toList()
                    : List.of((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(rs.getBytes("certificate"))));
            return new SigningKey(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project"),
                    rs.getString("name"), algorithm, rs.getString("token_name"),
                    TokenKind.valueOf(rs.getString("token_kind")), rs.getString("handle"), publicKey,
                    certificates, KeyState.valueOf(rs.getString("state")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        } catch (GeneralSecurityException e) {
            throw new SQLException("stored public key or certificate of key " + rs.getLong("id") + " is invalid", e);
        }
    }
}
