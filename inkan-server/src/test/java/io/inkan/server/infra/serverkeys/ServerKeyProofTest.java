package io.inkan.server.infra.serverkeys;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.KeyImports;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every key the server keeps for itself is proven against the token at start-up (decision 018): a public
 * half replaced in the database stops the start, and putting the genuine one back lets it start again.
 * The seal key's case is {@code ConfigurationSealKeyTest}.
 */
class ServerKeyProofTest {

    @Test
    void aReplacedAuditPublicKeyStopsTheStart(@TempDir Path dataDir) throws Exception {
        TestServer.start(dataDir).close();
        byte[] genuine = select(dataDir, "SELECT public_key FROM audit_keys WHERE retired_at IS NULL");
        update(dataDir, "UPDATE audit_keys SET public_key = ? WHERE retired_at IS NULL", otherPublicKey("EC", 256));

        assertThatThrownBy(() -> TestServer.start(dataDir).close()).hasStackTraceContaining("audit key");

        update(dataDir, "UPDATE audit_keys SET public_key = ? WHERE retired_at IS NULL", genuine);
        TestServer.start(dataDir).close();
    }

    @Test
    void aReplacedImportPublicKeyStopsTheStart(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(KeyImports.importKey(new ApiCaller(server, server.adminToken()), "software")).isNotNull();
        }
        byte[] genuine = select(dataDir, "SELECT public_key FROM import_keys WHERE token_name = 'software'");
        update(dataDir, "UPDATE import_keys SET public_key = ? WHERE token_name = 'software'", otherPublicKey("RSA", 3072));

        assertThatThrownBy(() -> TestServer.start(dataDir).close()).hasStackTraceContaining("import key of token 'software'");

        update(dataDir, "UPDATE import_keys SET public_key = ? WHERE token_name = 'software'", genuine);
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(KeyImports.importKey(new ApiCaller(server, server.adminToken()), "software").getEncoded())
                    .isEqualTo(genuine);
        }
    }

    private static byte[] otherPublicKey(String family, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
        generator.initialize(bits);
        return generator.generateKeyPair().getPublic().getEncoded();
    }

    private static byte[] select(Path dataDir, String query) throws SQLException {
        try (Connection db = connect(dataDir); ResultSet rs = db.createStatement().executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            return rs.getBytes(1);
        }
    }

    private static void update(Path dataDir, String statement, byte[] parameter) throws SQLException {
        try (Connection db = connect(dataDir); PreparedStatement update = db.prepareStatement(statement)) {
            update.setBytes(1, parameter);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static Connection connect(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/inkan"), "inkan", "");
    }
}
