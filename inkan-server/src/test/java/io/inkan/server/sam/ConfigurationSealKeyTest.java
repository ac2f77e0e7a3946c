package io.inkan.server.sam;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Refusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The configuration seal key across restarts (M7): a public key replaced in the database is caught at
 * start-up by the token's challenge signature, and an installation upgraded from before sealing gets
 * its existing profiles and role bindings sealed once, recorded in the audit trail.
 */
class ConfigurationSealKeyTest {

    private static final Map<String, Object> SIGN = Map.of("algorithm", "ECDSA_SHA256",
            "items", List.of(Map.of("digest", Base64.getEncoder().encodeToString(new byte[32]))));

    @Test
    void aReplacedSealPublicKeyStopsTheStart(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            Provisioning.audited(server).project("p");
        }
        byte[] genuine = sql(dataDir, "SELECT public_key FROM configuration_seal_key WHERE id = 1");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        update(dataDir, "UPDATE configuration_seal_key SET public_key = ? WHERE id = 1",
                generator.generateKeyPair().getPublic().getEncoded());
        assertThatThrownBy(() -> TestServer.start(dataDir).close())
                .hasStackTraceContaining("configuration seal key");

        update(dataDir, "UPDATE configuration_seal_key SET public_key = ? WHERE id = 1", genuine);
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(expect(new ApiCaller(server, server.adminToken()).get("/api/v1/projects"), 200).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void rowsFromBeforeSealingAreSealedOnceWhenTheKeyIsCreated(@TempDir Path dataDir) throws Exception {
        String signerToken;
        try (TestServer server = TestServer.start(dataDir)) {
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("p");
            provisioning.keyAndProfile("p", "ec", KeyAlgorithm.EC_P256, "software");
            signerToken = provisioning.signerToken("p");
        }
        // What a database migrated to V4 looks like before its first start: no key, no seals.
        update(dataDir, "DELETE FROM configuration_seal_key", null);
        update(dataDir, "UPDATE signing_profiles SET seal = NULL", null);
        update(dataDir, "UPDATE role_bindings SET seal = NULL", null);
        update(dataDir, "UPDATE signing_keys SET seal = NULL", null);
        update(dataDir, "UPDATE api_tokens SET seal = NULL", null);

        try (TestServer server = TestServer.start(dataDir)) {
            List<AuditEntry> sealed = server.bean(AuditLog.class).recent(20).stream()
                    .filter(entry -> entry.action().equals(AuditAction.CONFIGURATION_SEALED.value())).toList();
            assertThat(sealed).extracting(AuditEntry::detail).anySatisfy(detail -> assertThat(detail)
                    .startsWith("1 existing row(s) of signing_profiles")).anySatisfy(detail -> assertThat(detail)
                    .contains("of role_bindings")).anySatisfy(detail -> assertThat(detail)
                    .startsWith("1 existing row(s) of signing_keys")).anySatisfy(detail -> assertThat(detail)
                    .contains("of api_tokens"));
            expect(new ApiCaller(server, signerToken).post("/api/v1/projects/p/profiles/ec/sign", SIGN), 200);
            ApiCaller person = ApiCaller.withClientCertificate(server, server.adminCertificate(),
                    server.adminCertificatePassword(), false);
            assertThat(expect(person.get("/api/v1/whoami"), 200).json().get("roles").toString()).contains("admin");
        }
    }

    /**
     * An installation upgraded to V13 with its seal key in place: key and token rows from before carry no
     * seal and the migration lists their tables for adoption. The next start seals them once; a seal
     * removed later is tampering, not a row to adopt.
     */
    @Test
    void keyAndTokenRowsFromBeforeTheirSealingAreSealedOnceAfterTheUpgrade(@TempDir Path dataDir) throws Exception {
        String signerToken;
        try (TestServer server = TestServer.start(dataDir)) {
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("p");
            provisioning.keyAndProfile("p", "ec", KeyAlgorithm.EC_P256, "software");
            signerToken = provisioning.signerToken("p");
        }
        update(dataDir, "UPDATE signing_keys SET seal = NULL", null);
        update(dataDir, "UPDATE api_tokens SET seal = NULL", null);
        update(dataDir, "INSERT INTO configuration_seal_adoptions (table_name) VALUES ('signing_keys')", null);
        update(dataDir, "INSERT INTO configuration_seal_adoptions (table_name) VALUES ('api_tokens')", null);

        try (TestServer server = TestServer.start(dataDir)) {
            List<AuditEntry> sealed = server.bean(AuditLog.class).recent(20).stream()
                    .filter(entry -> entry.action().equals(AuditAction.CONFIGURATION_SEALED.value())).toList();
            assertThat(sealed).extracting(AuditEntry::detail)
                    .anySatisfy(detail -> assertThat(detail).startsWith("1 existing row(s) of signing_keys"))
                    .anySatisfy(detail -> assertThat(detail).contains("of api_tokens"));
            expect(new ApiCaller(server, signerToken).post("/api/v1/projects/p/profiles/ec/sign", SIGN), 200);
        }
        update(dataDir, "UPDATE signing_keys SET seal = NULL", null);
        try (TestServer server = TestServer.start(dataDir)) {
            ApiCaller.Response refused = new ApiCaller(server, signerToken).post("/api/v1/projects/p/profiles/ec/sign", SIGN);
            Refusals.assertProblem(refused, 500, "configuration-tampered");
        }
    }

    private static byte[] sql(Path dataDir, String query) throws SQLException {
        try (Connection db = connect(dataDir); ResultSet rs = db.createStatement().executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            return rs.getBytes(1);
        }
    }

    private static void update(Path dataDir, String statement, byte[] parameter) throws SQLException {
        try (Connection db = connect(dataDir); PreparedStatement update = db.prepareStatement(statement)) {
            if (parameter != null) {
                update.setBytes(1, parameter);
            }
            update.executeUpdate();
        }
    }

    private static Connection connect(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/inkan"), "inkan", "");
    }
}
