package io.inkan.server.keys.software;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/** Persists the software token's encrypted key blobs; it never sees plaintext. */
public class SoftwareKeyMaterialStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public SoftwareKeyMaterialStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insert(String handle, byte[] wrappedKey) {
        jdbc.sql("INSERT INTO software_key_material (handle, wrapped_key, created_at) VALUES (?, ?, ?)")
                .params(handle, wrappedKey, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    boolean delete(String handle) {
        return jdbc.sql("DELETE FROM software_key_material WHERE handle = ?").param(handle).update() > 0;
    }

    Optional<byte[]> find(String handle) {
        return jdbc.sql("SELECT wrapped_key FROM software_key_material WHERE handle = ?")
                .param(handle)
                .query(byte[].class)
                .optional();
    }
}
