package io.inkan.server.keys.software;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.keys.KeyToken;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.Mechanism;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.keys.TokenRegistry;
import io.inkan.server.projects.Projects;
import io.inkan.server.sam.TestPermits;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The software token keeps private keys only as AES-256-GCM ciphertext, under a 0600 master key file
 * outside the database, no API response or log line ever carries private key material, and it signs
 * only with the Signature Activation Module's permit for the key.
 */
class KeyMaterialNeverLeavesTest {

    @Test
    void databaseHoldsOnlyCiphertextAndNothingLeaks(@TempDir Path dataDir) throws Exception {
        List<String> responses = new ArrayList<>();
        try (TestServer server = TestServer.start(dataDir)) {
            ApiCaller admin = new ApiCaller(server, server.adminToken());
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("secrets");
            for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P384, KeyAlgorithm.ED25519)) {
                provisioning.keyAndProfile("secrets", algorithm.name().toLowerCase().replace('_', '-'), algorithm, "software");
            }
            ApiCaller signer = admin.as(provisioning.signerToken("secrets"));
            responses.add(expect(admin.get("/api/v1/projects/secrets/keys"), 200).body());
            responses.add(expect(signer.post("/api/v1/projects/secrets/profiles/rsa-2048/sign", Map.of("algorithm",
                    "RSA_PSS_SHA256", "items", List.of(Map.of("digest", Base64.getEncoder().encodeToString(new byte[32]))))), 200).body());
            responses.add(signer.post("/api/v1/projects/secrets/profiles/ec-p384/sign", "{broken").body());
        }

        Path masterKeyFile = dataDir.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKeyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls/server.key"))))
                .isEqualTo("rw-------");
        SecretKey masterKey = new SecretKeySpec(Base64.getDecoder().decode(Files.readString(masterKeyFile).trim()), "AES");
        String log = Files.readString(dataDir.resolve("logs/inkan.log"));
        assertThat(log).contains("Tomcat started");

        int checked = 0;
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/inkan"), "inkan", "");
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT m.handle, m.wrapped_key, k.algorithm FROM software_key_material m "
                             + "JOIN signing_keys k ON k.handle = m.handle")) {
            while (rows.next()) {
                String handle = rows.getString(1);
                byte[] stored = rows.getBytes(2);
                KeyAlgorithm algorithm = KeyAlgorithm.valueOf(rows.getString(3));
                byte[] pkcs8 = new KeyWrapper(masterKey, new SecureRandom()).unwrap(handle, stored);
                PrivateKey privateKey = KeyFactory.getInstance(algorithm.family().jcaName())
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));

                for (byte[] secret : secretForms(privateKey, pkcs8)) {
                    assertThat(indexOf(stored, secret)).as("stored row of " + algorithm + " holds plaintext").isEqualTo(-1);
                    for (String text : textForms(secret)) {
                        assertThat(log).as("log carries key material").doesNotContain(text);
                        responses.forEach(body -> assertThat(body).as("API response carries key material").doesNotContain(text));
                    }
                }
                SecretKey otherMaster = new SecretKeySpec(new byte[32], "AES");
                assertThatThrownBy(() -> new KeyWrapper(otherMaster, new SecureRandom()).unwrap(handle, stored))
                        .hasMessageContaining("cannot be decrypted");
                assertThatThrownBy(() -> new KeyWrapper(masterKey, new SecureRandom()).unwrap("another-handle", stored))
                        .as("ciphertext is bound to its handle").hasMessageContaining("cannot be decrypted");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void theSoftwareTokenSignsOnlyWithThePermitOfTheSam(@TempDir Path dataDir) {
        try (TestServer server = TestServer.start(dataDir)) {
            Provisioning provisioning = Provisioning.audited(server);
            provisioning.project("permits");
            provisioning.keyAndProfile("permits", "release", KeyAlgorithm.EC_P256, "software");
            SigningKey key = server.bean(Keys.class).get(server.bean(Projects.class).get("permits"), "release");
            KeyToken token = server.bean(TokenRegistry.class).get("software");
            assertThatThrownBy(() -> token.sign(key.handle(), key.algorithm(), Mechanism.ECDSA_DER, new byte[32], null))
                    .isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> token.sign(key.handle(), key.algorithm(), Mechanism.ECDSA_DER, new byte[32],
                    TestPermits.forKey("another-key"))).isInstanceOf(SecurityException.class);
            assertThat(token.sign(key.handle(), key.algorithm(), Mechanism.ECDSA_DER, new byte[32],
                    TestPermits.forKey(key.handle()))).isNotEmpty();
        }
    }

    /** The private key as PKCS#8 and as its bare secret number. */
    private static List<byte[]> secretForms(PrivateKey key, byte[] pkcs8) {
        List<byte[]> forms = new ArrayList<>(List.of(pkcs8));
        if (key instanceof RSAPrivateCrtKey rsa) {
            forms.add(unsigned(rsa.getPrivateExponent()));
            forms.add(unsigned(rsa.getPrimeP()));
        } else if (key instanceof ECPrivateKey ec) {
            forms.add(unsigned(ec.getS()));
        } else {
            forms.add(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
        }
        return forms;
    }

    private static List<String> textForms(byte[] secret) {
        byte[] head = java.util.Arrays.copyOf(secret, Math.min(secret.length, 24));
        return List.of(HexFormat.of().formatHex(head), HexFormat.of().withUpperCase().formatHex(head),
                Base64.getEncoder().encodeToString(head).substring(0, 28),
                Base64.getUrlEncoder().encodeToString(head).substring(0, 28));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        String h = new String(haystack, StandardCharsets.ISO_8859_1);
        return h.indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
