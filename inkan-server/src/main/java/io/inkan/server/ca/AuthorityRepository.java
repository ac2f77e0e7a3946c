package io.inkan.server.ca;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Rows of {@code ca_authorities}, {@code ca_certificates} and {@code ca_crls}. */
@Repository
class AuthorityRepository {

    private final JdbcClient jdbc;

    AuthorityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, long keyId, Long parentId, X509Certificate certificate, Instant now) {
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO ca_authorities (name, key_id, parent_id, certificate, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(name, keyId, parentId, encoded(certificate), utc(now))
                .update(id, "id");
        return id.getKeyAs(Long.class);
    }

    Optional<Authority> find(String name) {
        return jdbc.sql("SELECT * FROM ca_authorities WHERE name = ?").param(name).query(AuthorityRepository::map)
                .optional();
    }

    Optional<Authority> findById(long id) {
        return jdbc.sql("SELECT * FROM ca_authorities WHERE id = ?").param(id).query(AuthorityRepository::map).optional();
    }

    /** Locks the authority's row: CRL numbers and revocations of one authority are serialized. */
    void lock(long id) {
        jdbc.sql("SELECT id FROM ca_authorities WHERE id = ? FOR UPDATE").param(id).query(Long.class).list();
    }

    List<Authority> all() {
        return jdbc.sql("SELECT * FROM ca_authorities ORDER BY id").query(AuthorityRepository::map).list();
    }

    boolean isAuthorityKey(long keyId) {
        return jdbc.sql("SELECT COUNT(*) FROM ca_authorities WHERE key_id = ?").param(keyId).query(Long.class).single() > 0;
    }

    boolean servesProfile(long keyId) {
        return jdbc.sql("SELECT COUNT(*) FROM signing_profiles WHERE key_id = ?").param(keyId).query(Long.class)
                .single() > 0;
    }

    void recordIssued(long authorityId, IssuedCertificate.Purpose purpose, Long keyId, X509Certificate certificate,
                      Instant now) {
        jdbc.sql("""
                        INSERT INTO ca_certificates (authority_id, serial, purpose, key_id, subject, not_after,
                                                     certificate, issued_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(authorityId, certificate.getSerialNumber().toString(16), purpose.name(), keyId,
                        certificate.getSubjectX500Principal().getName(), utc(certificate.getNotAfter().toInstant()),
                        encoded(certificate), utc(now))
                .update();
    }

    /** Certificates issued for {@code keyId} for {@code purpose} and not yet revoked. */
    List<IssuedCertificate> unrevoked(long keyId, IssuedCertificate.Purpose purpose) {
        return jdbc.sql("""
                        SELECT * FROM ca_certificates WHERE key_id = ? AND purpose = ? AND revoked_at IS NULL
                        ORDER BY issued_at""")
                .params(keyId, purpose.name()).query(AuthorityRepository::mapIssued).list();
    }

    void revoke(IssuedCertificate certificate, String reason, Instant now) {
        jdbc.sql("""
                        UPDATE ca_certificates SET revoked_at = ?, revocation_reason = ?
                        WHERE authority_id = ? AND serial = ? AND revoked_at IS NULL""")
                .params(utc(now), reason, certificate.authorityId(), certificate.serial().toString(16)).update();
    }

    List<IssuedCertificate> revoked(long authorityId) {
        return jdbc.sql("""
                        SELECT * FROM ca_certificates WHERE authority_id = ? AND revoked_at IS NOT NULL
                        ORDER BY revoked_at""")
                .param(authorityId).query(AuthorityRepository::mapIssued).list();
    }

    Optional<StoredCrl> crl(long authorityId) {
        return jdbc.sql("SELECT crl_number, next_update, crl FROM ca_crls WHERE authority_id = ?").param(authorityId)
                .query((rs, row) -> new StoredCrl(rs.getLong("crl_number"),
                        rs.getObject("next_update", OffsetDateTime.class).toInstant(), rs.getBytes("crl")))
                .optional();
    }

    void storeCrl(long authorityId, long number, Instant thisUpdate, Instant nextUpdate, byte[] der) {
        jdbc.sql("DELETE FROM ca_crls WHERE authority_id = ?").param(authorityId).update();
        jdbc.sql("""
                        INSERT INTO ca_crls (authority_id, crl_number, this_update, next_update, crl)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(authorityId, number, utc(thisUpdate), utc(nextUpdate), der).update();
    }

    /** A signed CRL as stored. */
    record StoredCrl(long number, Instant nextUpdate, byte[] der) {
    }

    private static Authority map(ResultSet rs, int row) throws SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(rs.getBytes("certificate")));
            return new Authority(rs.getLong("id"), rs.getString("name"), rs.getLong("key_id"), parentId, certificate,
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        } catch (CertificateException e) {
            throw new SQLException("stored certificate of authority " + rs.getLong("id") + " is invalid", e);
        }
    }

    private static IssuedCertificate mapIssued(ResultSet rs, int row) throws SQLException {
        long key = rs.getLong("key_id");
        Long keyId = rs.wasNull() ? null : key;
        OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
        return new IssuedCertificate(rs.getLong("authority_id"), new BigInteger(rs.getString("serial"), 16),
                IssuedCertificate.Purpose.valueOf(rs.getString("purpose")), keyId, rs.getString("subject"),
                rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                revokedAt == null ? null : revokedAt.toInstant(), rs.getString("revocation_reason"));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
