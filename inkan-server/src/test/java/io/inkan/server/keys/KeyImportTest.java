package io.inkan.server.keys;

import io.inkan.client.keys.KeyImportScheme;
import io.inkan.client.keys.Pkcs12Key;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.KeyImports;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Digests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key import (K4) into the software token and a SoftHSM2 token through the HTTPS API, with PKCS#12
 * files made by openssl: the imported keys sign and openssl verifies with the PKCS#12's certificate; a
 * key is bound once (also across projects, also when it was generated here); only the project's
 * custodians import; broken input is refused precisely, leaves nothing behind and is audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyImportTest {

    private static final String PASSWORD = "correct horse";
    private static final List<String> TOKENS = List.of("software", "hsm");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Path dir;
    private TestServer server;
    private ApiCaller admin;
    private ApiCaller alpha;
    private ApiCaller beta;
    private ApiCaller signer;
    private Provisioning provisioning;
    private AuditExpectations audit;

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        SoftHsmFixture token = SoftHsmFixture.shared();
        server = TestServer.start(dir.resolve("server"), Map.of(
                "inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", token.label(),
                "inkan.tokens.pkcs11[0].pin", token.pin()));
        admin = new ApiCaller(server, server.adminToken());
        provisioning = Provisioning.audited(server);
        audit = new AuditExpectations(server);
        provisioning.project("alpha");
        provisioning.project("beta");
        alpha = provisioning.custodian("alpha");
        beta = provisioning.custodian("beta");
        signer = admin.as(provisioning.signerToken("alpha"));
        for (String name : TOKENS) {
            // The first request creates the token's import key, and records it; later ones only read it.
            audit.expectOne(() -> alpha.get("/api/v1/import-key?token=" + name), 200, AuditAction.IMPORT_KEY_CREATE.value(),
                    "SUCCESS", null, "custodian-alpha");
            long before = audit.lastSeq();
            JsonNode again = expect(signer.get("/api/v1/import-key?token=" + name), 200).json();
            assertThat(again.get("token").asString()).isEqualTo(name);
            assertThat(again.get("scheme").asString()).isEqualTo(KeyImportScheme.NAME);
            assertThat(audit.lastSeq()).isEqualTo(before);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pkcs12KeysImportedIntoBothTokensSignAndOpensslVerifiesWithTheirCertificates() throws Exception {
        Path openssl = ExternalTools.require("openssl");
        for (String token : TOKENS) {
            for (String type : List.of("rsa:2048", "ec")) {
                String name = "p12-" + token + "-" + (type.equals("ec") ? "ec" : "rsa");
                Path p12 = KeyImports.opensslPkcs12(dir, name, type, PASSWORD);
                Pkcs12Key pkcs12 = Pkcs12Key.load(p12, PASSWORD.toCharArray());
                JsonNode key = importAs(alpha, "alpha", name, token, pkcs12, 201, AuditAction.KEY_IMPORT.value(), "SUCCESS").json();
                assertThat(key.get("tokenKind").asString()).isEqualTo(token.equals("hsm") ? "PKCS11" : "SOFTWARE");
                assertThat(key.get("algorithm").asString()).isEqualTo(type.equals("ec") ? "EC_P256" : "RSA_2048");
                assertThat(Provisioning.leafCertificate(key)).as("the PKCS#12's certificate is attached")
                        .isEqualTo(pkcs12.chain().get(0));

                audit.expectOne(() -> alpha.post("/api/v1/projects/alpha/profiles", Map.of("name", name, "key", name)),
                        201, AuditAction.PROFILE_CREATE.value(), "SUCCESS", "alpha", "custodian-alpha");
                byte[] artifact = randomBytes(5000);
                Path artifactFile = Files.write(dir.resolve(name + ".bin"), artifact);
                String algorithm = type.equals("ec") ? "ECDSA_SHA256" : "RSA_PKCS1_SHA256";
                JsonNode signed = audit.expectOne(() -> signer.post("/api/v1/projects/alpha/profiles/" + name + "/sign",
                        Map.of("algorithm", algorithm, "items", List.of(Map.of("digest",
                                Digests.base64(Digests.sha256(artifact)), "artifact", name + ".bin")))), 200, AuditAction.SIGN.value(), "SUCCESS",
                        "alpha", "signer-alpha").response().json();
                assertThat(signed.get("key").asString()).isEqualTo(name);
                Path signature = Files.write(dir.resolve(name + ".sig"),
                        Base64.getDecoder().decode(signed.get("signatures").get(0).asString()));

                Path certificate = dir.resolve(name + ".crt.pem");
                Path publicKey = dir.resolve(name + ".pub.pem");
                ExternalTools.Result extracted = ExternalTools.run(List.of(openssl.toString(), "x509", "-in",
                        certificate.toString(), "-pubkey", "-noout", "-out", publicKey.toString()));
                assertThat(extracted.exitCode()).as(extracted.output()).isZero();
                ExternalTools.Result verified = ExternalTools.run(List.of(openssl.toString(), "dgst", "-sha256",
                        "-verify", publicKey.toString(), "-signature", signature.toString(), artifactFile.toString()));
                assertThat(verified.output()).as(name).contains("Verified OK");
                assertThat(verified.exitCode()).isZero();
            }
        }
    }

    /**
     * Keys wrapped without a certificate get a self-signed one made inside the token. Ed25519 only into the
     * software token: SoftHSM2 2.6.1 cannot unwrap Ed25519 keys (CKR_FUNCTION_FAILED, see decision 011).
     */
    @Test
    void keysWithoutCertificateAreSelfCertifiedInTheToken() throws Exception {
        for (String token : TOKENS) {
            List<KeyAlgorithm> algorithms = token.equals("hsm") ? List.of(KeyAlgorithm.EC_P384, KeyAlgorithm.RSA_3072)
                    : List.of(KeyAlgorithm.EC_P384, KeyAlgorithm.RSA_3072, KeyAlgorithm.ED25519);
            for (KeyAlgorithm algorithm : algorithms) {
                KeyPair pair = keyPair(algorithm);
                String name = "bare-" + token + "-" + algorithm.name().toLowerCase().replace('_', '-');
                Map<String, Object> body = KeyImports.request(name, token, KeyImports.importKey(alpha, token),
                        pair.getPrivate(), pair.getPublic(), null);
                JsonNode key = audit.expectOne(() -> alpha.post("/api/v1/projects/alpha/keys/import", body), 201,
                        AuditAction.KEY_IMPORT.value(), "SUCCESS", "alpha", "custodian-alpha").response().json();
                assertThat(key.get("algorithm").asString()).isEqualTo(algorithm.name());
                java.security.cert.X509Certificate certificate = Provisioning.leafCertificate(key);
                assertThat(certificate.getPublicKey()).isEqualTo(pair.getPublic());
                certificate.verify(pair.getPublic());
            }
        }
    }

    @Test
    void theSameKeyIsBoundOnceAcrossTokensAndProjects() throws Exception {
        Pkcs12Key pkcs12 = Pkcs12Key.load(KeyImports.opensslPkcs12(dir, "once", "ec", PASSWORD), PASSWORD.toCharArray());
        importAs(alpha, "alpha", "once", "software", pkcs12, 201, AuditAction.KEY_IMPORT.value(), "SUCCESS");
        int alphaKeys = keys("alpha");
        int betaKeys = keys("beta");
        int hsmKeys = hsmPrivateKeys();

        ApiCaller.Response again = importAs(alpha, "alpha", "once-again", "software", pkcs12, 409, AuditAction.KEY_IMPORT.value(),
                "REJECTED");
        assertThat(again.problemType()).isEqualTo("key-already-bound");
        assertThat(again.json().get("detail").asString()).contains("as key 'once' of project 'alpha'");
        ApiCaller.Response intoHsm = importAs(alpha, "alpha", "once-hsm", "hsm", pkcs12, 409, AuditAction.KEY_IMPORT.value(),
                "REJECTED");
        assertThat(intoHsm.problemType()).isEqualTo("key-already-bound");
        ApiCaller.Response elsewhere = importAs(beta, "beta", "once", "hsm", pkcs12, 409, AuditAction.KEY_IMPORT.value(),
                "REJECTED");
        assertThat(elsewhere.problemType()).isEqualTo("key-already-bound");
        assertThat(elsewhere.json().get("detail").asString()).contains("another project").doesNotContain("alpha");

        assertThat(keys("alpha")).isEqualTo(alphaKeys);
        assertThat(keys("beta")).isEqualTo(betaKeys);
        assertThat(hsmPrivateKeys()).as("refused before reaching the token").isEqualTo(hsmKeys);
    }

    /**
     * A key generated in the software token, recovered from a database dump and the master key (as a
     * thief of both would), cannot be imported as a new key: the fingerprint index covers generated keys.
     */
    @Test
    void aGeneratedKeyCannotBeImportedAgain() throws Exception {
        audit.expectOne(() -> alpha.post("/api/v1/projects/alpha/keys",
                        Map.of("name", "generated", "algorithm", "EC_P256", "token", "software")), 201,
                AuditAction.KEY_CREATE.value(), "SUCCESS", "alpha", "custodian-alpha");
        JdbcClient jdbc = server.bean(JdbcClient.class);
        String handle = jdbc.sql("SELECT handle FROM signing_keys WHERE name = 'generated'").query(String.class).single();
        byte[] blob = jdbc.sql("SELECT wrapped_key FROM software_key_material WHERE handle = ?").param(handle)
                .query(byte[].class).single();
        byte[] master = Base64.getDecoder().decode(Files.readString(server.dataDir().resolve("master.key")).trim());
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(master, "AES"), new GCMParameterSpec(128, blob, 1, 12));
        gcm.updateAAD(handle.getBytes(StandardCharsets.UTF_8));
        PrivateKey stolen = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(gcm.doFinal(blob, 13, blob.length - 13)));
        PublicKey publicKey = Provisioning.publicKey(expect(alpha.get("/api/v1/projects/alpha/keys/generated"), 200)
                .json(), KeyAlgorithm.EC_P256);

        for (String token : TOKENS) {
            Map<String, Object> body = KeyImports.request("regenerated", token, KeyImports.importKey(alpha, token),
                    stolen, publicKey, null);
            ApiCaller.Response refused = audit.expectOne(() -> alpha.post("/api/v1/projects/alpha/keys/import", body),
                    409, AuditAction.KEY_IMPORT.value(), "REJECTED", "alpha", "custodian-alpha").response();
            assertThat(refused.problemType()).isEqualTo("key-already-bound");
            assertThat(refused.json().get("detail").asString()).contains("as key 'generated'");
        }
        expect(alpha.get("/api/v1/projects/alpha/keys/regenerated"), 404);
    }

    @Test
    void onlyTheProjectsCustodiansImport() throws Exception {
        Pkcs12Key pkcs12 = Pkcs12Key.load(KeyImports.opensslPkcs12(dir, "custody", "ec", PASSWORD), PASSWORD.toCharArray());
        int alphaKeys = keys("alpha");
        assertThat(importAs(signer, "alpha", "custody", "software", pkcs12, 403, AuditAction.KEY_IMPORT.value(), "DENIED")
                .problemType()).isEqualTo("forbidden");
        assertThat(importAs(admin, "alpha", "custody", "software", pkcs12, 403, AuditAction.KEY_IMPORT.value(), "DENIED")
                .problemType()).isEqualTo("forbidden");
        // Another project's custodian is told the project does not exist.
        assertThat(importAs(beta, "alpha", "custody", "software", pkcs12, 404, AuditAction.KEY_IMPORT.value(), "REJECTED")
                .problemType()).isEqualTo("not-found");
        assertThat(keys("alpha")).isEqualTo(alphaKeys);
    }

    @Test
    void brokenInputIsRefusedPreciselyAndLeavesNothing() throws Exception {
        KeyPair pair = TestPki.ecKey();
        KeyPair other = TestPki.ecKey();
        Pkcs12Key foreignCertificate = Pkcs12Key.load(KeyImports.opensslPkcs12(dir, "foreign", "ec", PASSWORD),
                PASSWORD.toCharArray());
        int alphaKeys = keys("alpha");
        int hsmKeys = hsmPrivateKeys();
        int softwareKeys = softwareKeyMaterial();
        for (String token : TOKENS) {
            PublicKey importKey = KeyImports.importKey(alpha, token);
            byte[] wrapped = KeyImportScheme.wrap(importKey, pair.getPrivate().getEncoded(), RANDOM);

            byte[] flipped = wrapped.clone();
            flipped[flipped.length - 3] ^= 0x40;
            refused(token, KeyImports.request("broken", token, pair.getPublic(), flipped, null), 400, "invalid-wrapped-key");
            byte[] flippedOaep = wrapped.clone();
            flippedOaep[10] ^= 0x01;
            refused(token, KeyImports.request("broken", token, pair.getPublic(), flippedOaep, null), 400,
                    "invalid-wrapped-key");
            refused(token, KeyImports.request("broken", token, pair.getPublic(), Arrays.copyOf(wrapped, 300), null), 400,
                    "invalid-wrapped-key");
            PublicKey strangerImportKey = KeyImports.importKey(alpha, token.equals("hsm") ? "software" : "hsm");
            refused(token, KeyImports.request("broken", token, strangerImportKey, pair.getPrivate(), pair.getPublic(),
                    null), 400, "invalid-wrapped-key");
            // The private key belongs to another public key: found out by a challenge signature in the token.
            refused(token, KeyImports.request("broken", token, importKey, pair.getPrivate(), other.getPublic(), null),
                    400, "key-mismatch");
            refused(token, KeyImports.request("broken", token, importKey, pair.getPrivate(), pair.getPublic(),
                    foreignCertificate.chain().get(0)), 400, "certificate-key-mismatch");
            Map<String, Object> notBase64 = KeyImports.request("broken", token, importKey, pair.getPrivate(),
                    pair.getPublic(), null);
            notBase64.put("wrappedKey", "***");
            refused(token, notBase64, 400, "invalid-base64");
            Map<String, Object> notAKey = KeyImports.request("broken", token, importKey, pair.getPrivate(),
                    pair.getPublic(), null);
            notAKey.put("publicKey", Digests.base64(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));
            refused(token, notAKey, 400, "invalid-public-key");
        }
        assertThat(keys("alpha")).isEqualTo(alphaKeys);
        assertThat(hsmPrivateKeys()).as("unwrapped keys that failed their checks are destroyed again").isEqualTo(hsmKeys);
        assertThat(softwareKeyMaterial()).isEqualTo(softwareKeys);
    }

    @Test
    void aWrongPkcs12PasswordIsNamedOnTheClient() {
        Path p12 = KeyImports.opensslPkcs12(dir, "password", "ec", PASSWORD);
        assertThatThrownBy(() -> Pkcs12Key.load(p12, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wrong password for PKCS#12 file " + p12);
        assertThatThrownBy(() -> Pkcs12Key.load(dir.resolve("missing.p12"), PASSWORD.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void importedHsmKeysAreSensitiveAndNeverLeaveTheToken() throws Exception {
        ExternalTools.require("pkcs11-tool");
        Pkcs12Key pkcs12 = Pkcs12Key.load(KeyImports.opensslPkcs12(dir, "kept", "rsa:2048", PASSWORD),
                PASSWORD.toCharArray());
        importAs(alpha, "alpha", "kept", "hsm", pkcs12, 201, AuditAction.KEY_IMPORT.value(), "SUCCESS");
        String handle = server.bean(JdbcClient.class).sql("SELECT handle FROM signing_keys WHERE name = 'kept'")
                .query(String.class).single();
        String object = privateKeyObject(handle);
        assertThat(object).contains("sensitive");
        // pkcs11-tool prints "extractable" only for CKA_EXTRACTABLE = true.
        assertThat(object.replace("never extractable", "")).doesNotContain("extractable");
        assertThat(object).contains("sign").doesNotContain("decrypt").doesNotContain("unwrap");
    }

    private ApiCaller.Response importAs(ApiCaller caller, String project, String name, String token, Pkcs12Key pkcs12,
                                        int status, String action, String outcome) throws Exception {
        Map<String, Object> body = KeyImports.request(name, token, KeyImports.importKey(alpha, token),
                pkcs12.privateKey(), pkcs12.chain().get(0).getPublicKey(), pkcs12.chain().get(0));
        Supplier<ApiCaller.Response> call = () -> caller.post("/api/v1/projects/" + project + "/keys/import", body);
        String principal = caller == admin ? "bootstrap-admin" : caller == signer ? "signer-alpha"
                : caller == alpha ? "custodian-alpha" : "custodian-beta";
        return audit.expectOne(call, status, action, outcome, project, principal).response();
    }

    private void refused(String token, Map<String, Object> body, int status, String problem) {
        ApiCaller.Response response = audit.expectOne(() -> alpha.post("/api/v1/projects/alpha/keys/import", body),
                status, AuditAction.KEY_IMPORT.value(), "REJECTED", "alpha", "custodian-alpha").response();
        assertThat(response.problemType()).as(token + ": " + response.body()).isEqualTo(problem);
    }

    private int keys(String project) {
        return expect(admin.get("/api/v1/projects/" + project + "/keys"), 200).json().size();
    }

    private int softwareKeyMaterial() {
        return server.bean(JdbcClient.class).sql("SELECT COUNT(*) FROM software_key_material").query(Integer.class).single();
    }

    private static int hsmPrivateKeys() {
        return SoftHsmFixture.shared().listObjects().split("Private Key Object").length - 1;
    }

    private static String privateKeyObject(String handle) {
        for (String object : SoftHsmFixture.shared().listObjects().split("(?=Private Key Object|Public Key Object|Secret Key Object|Certificate Object|Data object)")) {
            if (object.startsWith("Private Key Object") && object.contains("label:      " + handle)) {
                return object;
            }
        }
        throw new AssertionError("no private key labelled " + handle + " on the token");
    }

    private static KeyPair keyPair(KeyAlgorithm algorithm) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(algorithm.family().jcaName());
        switch (algorithm.family()) {
            case RSA -> generator.initialize(algorithm.bits(), RANDOM);
            case EC -> generator.initialize(new java.security.spec.ECGenParameterSpec(algorithm.curve()), RANDOM);
            case ED25519 -> generator.initialize(255, RANDOM);
        }
        return generator.generateKeyPair();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
