package io.inkan.server.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Fills in the public-key fingerprint of keys created before the fingerprint index existed (the V7
 * migration cannot: H2 and PostgreSQL share no SHA-256 function). Runs once per start, after Flyway; a
 * no-op once every key has its fingerprint. Concurrent nodes write the same values.
 */
@Component
class KeyFingerprints implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFingerprints.class);

    private final JdbcClient jdbc;

    KeyFingerprints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Unfingerprinted(long id, byte[] publicKey) {
    }

    @Override
    public void afterPropertiesSet() {
        List<Unfingerprinted> missing = jdbc.sql("SELECT id, public_key FROM signing_keys WHERE public_key_sha256 IS NULL")
                .query((rs, row) -> new Unfingerprinted(rs.getLong("id"), rs.getBytes("public_key"))).list();
        for (Unfingerprinted key : missing) {
            jdbc.sql("UPDATE signing_keys SET public_key_sha256 = ? WHERE id = ? AND public_key_sha256 IS NULL")
                    .params(KeyFingerprint.of(key.publicKey()), key.id()).update();
        }
        if (!missing.isEmpty()) {
            LOG.info("Recorded the public-key fingerprint of {} key(s) created before the fingerprint index", missing.size());
        }
    }
}
