package io.inkan.server.audit;

import io.inkan.client.audit.AuditChain;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditVerification;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record written into the database while no server ran, after an orderly stop signed the last
 * checkpoint: the next start records that it found an unsigned tail, does not sign it (the record carries
 * no promise from any node), and the verifier names the forged record.
 */
class UnsignedTailAtStartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRecordAppendedWhileNoServerRanIsRecordedAtStartNeverSignedAndNamed(@TempDir Path dir) throws Exception {
        AuditEntry last;
        try (TestServer server = TestServer.start(dir)) {
            Provisioning.audited(server).project("ops");
            last = server.bean(JdbcClient.class).sql("SELECT * FROM audit_records ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
                    .query(AuditStore.ENTRY).single();
        }
        AuditEntry forged = AuditChain.seal(new AuditEntry(last.seq() + 2, Instant.now().truncatedTo(ChronoUnit.MICROS).toString(), "bootstrap-admin", null,
                "key.create", "SUCCESS", "ops", "key 'backdoor' generated", null, null, null));
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db/inkan"), "inkan", "")) {
            AuditEntry stop = read(db, last.seq() + 1);
            forged = AuditChain.seal(new AuditEntry(stop.seq() + 1, forged.time(), forged.principal(), null, forged.action(),
                    forged.outcome(), forged.project(), forged.detail(), null, stop.hash(), null));
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_records (seq, occurred_at, principal,"
                    + " source, action, outcome, project, detail, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, forged.seq());
                insert.setObject(2, Instant.parse(forged.time()).atOffset(ZoneOffset.UTC));
                insert.setString(3, forged.principal());
                insert.setString(4, null);
                insert.setString(5, forged.action());
                insert.setString(6, forged.outcome());
                insert.setString(7, forged.project());
                insert.setString(8, forged.detail());
                insert.setString(9, null);
                insert.setString(10, forged.prevHash());
                insert.setString(11, forged.hash());
                insert.executeUpdate();
            }
            try (PreparedStatement head = db.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                head.setLong(1, forged.seq());
                head.setString(2, forged.hash());
                head.executeUpdate();
            }
        }
        try (TestServer server = TestServer.start(dir)) {
            JdbcClient jdbc = server.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_records WHERE action = 'audit.unsigned-tail'").query(Long.class)
                    .single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_checkpoints WHERE seq >= ?").param(forged.seq())
                    .query(Long.class).single()).as("no checkpoint over the forged record").isZero();
            ApiCaller admin = new ApiCaller(server, server.adminToken());
            AuditVerification verdict = JSON.readValue(Provisioning.expect(admin.get("/api/v1/audit/verify"), 200).body(),
                    AuditVerification.class);
            assertThat(verdict.problem()).as(verdict.message()).isEqualTo(AuditVerification.Problem.INSERTED);
            assertThat(verdict.firstBadSeq()).isEqualTo(forged.seq());
        }
    }

    private static AuditEntry read(Connection db, long seq) throws Exception {
        try (PreparedStatement select = db.prepareStatement("SELECT seq, hash, action FROM audit_records WHERE seq = ?")) {
            select.setLong(1, seq);
            try (var rs = select.executeQuery()) {
                assertThat(rs.next()).as("record %d", seq).isTrue();
                assertThat(rs.getString("action")).isEqualTo(AuditAction.SERVER_STOP.value());
                return new AuditEntry(rs.getLong("seq"), null, null, null, null, null, null, null, null, null,
                        rs.getString("hash").trim());
            }
        }
    }
}
