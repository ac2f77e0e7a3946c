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
            SELECT k.*, p.name AS project FROM signing_keys k JOIN projects p ON p.id = k.project_id
            """;

    private final JdbcClient jdbc;

    KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long projectId, String name, KeyRef ref, TokenKind kind, PublicKey publicKey,
                X509Certificate certificate, java.time.Instant createdAt) throws GeneralSecurityException {
        jdbc.sql("""
                        INSERT INTO signing_keys (project_id, name, algorithm, token_name, token_kind, handle,
                                                  public_key, certificate, state, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, name, ref.algorithm().name(), ref.tokenName(), kind.name(), ref.handle(),
                        publicKey.getEncoded(), certificate.getEncoded(), KeyState.ACTIVE.name(),
                        createdAt.atOffset(ZoneOffset.UTC))
                .update();
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

    List<SigningKey> list(long projectId) {
        return jdbc.sql(SELECT + " WHERE k.project_id = ? ORDER BY k.name").param(projectId)
                .query(KeyRepository::map).list();
    }

    private static SigningKey map(ResultSet rs, int row) throws SQLException {
        KeyAlgorithm algorithm = KeyAlgorithm.valueOf(rs.getString("algorithm"));
        try {
            PublicKey publicKey = KeyFactory.getInstance(algorithm.family().jcaName())
                    .generatePublic(new X509EncodedKeySpec(rs.getBytes("public_key")));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(rs.getBytes("certificate")));
            return new SigningKey(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project"),
                    rs.getString("name"), algorithm, rs.getString("token_name"),
                    TokenKind.valueOf(rs.getString("token_kind")), rs.getString("handle"), publicKey,
                    List.of(certificate), KeyState.valueOf(rs.getString("state")),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        } catch (GeneralSecurityException e) {
            throw new SQLException("stored public key or certificate of key " + rs.getLong("id") + " is invalid", e);
        }
    }
}
