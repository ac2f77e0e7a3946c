package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.infra.seal.ConfigurationSeal;
import io.inkan.server.infra.seal.SealedTable;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code signing_keys}: where each key lives, its public material and its state. Each row is
 * sealed (M7) over its project, name, algorithm, token, handle, public key and state, and verified
 * whenever it is loaded, so a key re-activated, moved to another project or pointed at another token
 * object in the database behind the service's back is refused instead of signing.
 */
@Repository
class KeyRepository implements SealedTable {

    private static final String TABLE = "signing_keys";

    private static final String SELECT = """
            SELECT k.*, p.name AS project, c.chain AS chain
            FROM signing_keys k JOIN projects p ON p.id = k.project_id
            LEFT JOIN key_certificate_chains c ON c.key_id = k.id
            """;

    private final JdbcClient jdbc;
    private final ConfigurationSeal seal;

    KeyRepository(JdbcClient jdbc, ConfigurationSeal seal) {
        this.jdbc = jdbc;
        this.seal = seal;
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
                                                  origin, seal)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, name, ref.algorithm().name(), ref.tokenName(), kind.name(), ref.handle(),
                        publicKey.getEncoded(), certificate.getEncoded(), KeyState.ACTIVE.name(),
                        createdAt.atOffset(ZoneOffset.UTC), KeyFingerprint.of(publicKey), origin.name(),
                        seal.seal(TABLE, sealed(projectId, name, ref.algorithm().name(), ref.tokenName(), kind.name(),
                                ref.handle(), publicKey.getEncoded(), KeyState.ACTIVE.name())))
                .update();
    }

    /** The key (of any project) whose public key has this SHA-256 fingerprint. */
    Optional<SigningKey> findByFingerprint(byte[] fingerprint) {
        return jdbc.sql(SELECT + " WHERE k.public_key_sha256 = ?").param(fingerprint)
                .query(this::map).optional();
    }

    /**
     * Moves the key from {@code from} to {@code to} and seals the row anew; false if another request
     * changed its state first.
     */
    boolean updateState(long id, KeyState from, KeyState to) {
        List<Object> fields = jdbc.sql("SELECT * FROM signing_keys WHERE id = ?").param(id)
                .query((rs, row) -> sealed(rs, to.name())).single();
        return jdbc.sql("UPDATE signing_keys SET state = ?, seal = ? WHERE id = ? AND state = ?")
                .params(to.name(), seal.seal(TABLE, fields), id, from.name()).update() == 1;
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public int adoptUnsealed() {
        record Unsealed(long id, List<Object> fields) {
        }
        List<Unsealed> rows = jdbc.sql("SELECT * FROM signing_keys WHERE seal IS NULL")
                .query((rs, row) -> new Unsealed(rs.getLong("id"), sealed(rs, rs.getString("state")))).list();
        rows.forEach(row -> jdbc.sql("UPDATE signing_keys SET seal = ? WHERE id = ?")
                .params(seal.seal(TABLE, row.fields()), row.id()).update());
        return rows.size();
    }

    /** What a key row's seal covers: where the key belongs and lives, its public key, and its state. */
    private static List<Object> sealed(long projectId, String name, String algorithm, String tokenName, String tokenKind,
                                       String handle, byte[] publicKey, String state) {
        return Arrays.asList(projectId, name, algorithm, tokenName, tokenKind, handle, publicKey, state);
    }

    private static String describe(ResultSet rs) throws SQLException {
        return "key '" + rs.getString("name") + "' of project '" + rs.getString("project") + "'";
    }

    private static List<Object> sealed(ResultSet rs, String state) throws SQLException {
        return sealed(rs.getLong("project_id"), rs.getString("name"), rs.getString("algorithm"),
                rs.getString("token_name"), rs.getString("token_kind"), rs.getString("handle"),
                rs.getBytes("public_key"), state);
    }

    Optional<SigningKey> find(long projectId, String name) {
        return jdbc.sql(SELECT + " WHERE k.project_id = ? AND k.name = ?").params(projectId, name)
                .query(this::map).optional();
    }

    Optional<SigningKey> findById(long id) {
        return jdbc.sql(SELECT + " WHERE k.id = ?").param(id).query(this::map).optional();
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

    /**
     * Every key of every project, for the periodic certificate-expiry check. A tampered row is reported
     * and left out, so that one row changed in the database does not stop server-wide checks or the start.
     */
    List<SigningKey> all() {
        return jdbc.sql(SELECT + " ORDER BY k.id").query((rs, row) -> {
            if (!seal.isIntact(TABLE, rs.getBytes("seal"), sealed(rs, rs.getString("state")))) {
                seal.tampered(TABLE, describe(rs));
                return Optional.<SigningKey>empty();
            }
            return Optional.of(map(rs, row));
        }).list().stream().flatMap(Optional::stream).toList();
    }

    List<SigningKey> list(long projectId) {
        return jdbc.sql(SELECT + " WHERE k.project_id = ? ORDER BY k.name").param(projectId)
                .query(this::map).list();
    }

    private SigningKey map(ResultSet rs, int row) throws SQLException {
        seal.verify(TABLE, describe(rs), rs.getBytes("seal"), sealed(rs, rs.getString("state")));
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
