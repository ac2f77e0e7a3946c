package io.inkan.server.signing;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Digests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key algorithm × every signature algorithm it supports, through the HTTPS API, verified by the
 * JDK over the original message; and openssl on RSA, EC and Ed25519 cases. Subclasses name the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HashSigningRoundTripContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    Path dataDir;
    TestServer server;
    ApiCaller signer;
    final Map<KeyAlgorithm, JsonNode> keys = new java.util.EnumMap<>(KeyAlgorithm.class);

    /** The token name keys are generated in. */
    abstract String tokenName();

    /** Server properties configuring the token. */
    abstract Map<String, String> tokenProperties();

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        this.dataDir = dataDir;
        server = TestServer.start(dataDir, tokenProperties());
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project("roundtrip");
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            keys.put(algorithm, provisioning.keyAndProfile("roundtrip", name(algorithm), algorithm, tokenName()));
        }
        signer = admin.as(provisioning.signerToken("roundtrip"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void everyAlgorithmSignsAndTheJdkVerifies() throws Exception {
        int verified = 0;
        for (KeyAlgorithm keyAlgorithm : KeyAlgorithm.values()) {
            PublicKey publicKey = Provisioning.publicKey(keys.get(keyAlgorithm), keyAlgorithm);
            for (SignatureAlgorithm algorithm : compatible(keyAlgorithm)) {
                byte[] message = randomBytes(algorithm.isPrehashed() ? 4096 : 700);
                byte[] signature = signOne(keyAlgorithm, algorithm, message);
                Signature verifier = algorithm.newVerifier();
                verifier.initVerify(publicKey);
                verifier.update(message);
                assertThat(verifier.verify(signature)).as(keyAlgorithm + " / " + algorithm).isTrue();
                verified++;
            }
        }
        assertThat(verified).isEqualTo(3 * 6 + 3 * 6 + 1);
    }

    @Test
    void certificateIsSelfSignedInsideTheToken() throws Exception {
        for (KeyAlgorithm keyAlgorithm : KeyAlgorithm.values()) {
            X509Certificate certificate = Provisioning.leafCertificate(keys.get(keyAlgorithm));
            PublicKey publicKey = Provisioning.publicKey(keys.get(keyAlgorithm), keyAlgorithm);
            assertThat(certificate.getPublicKey()).isEqualTo(publicKey);
            certificate.verify(publicKey);
            assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        }
    }

    @Test
    void batchSignaturesComeBackInRequestOrder() throws Exception {
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.EC_P256;
        List<byte[]> messages = new ArrayList<>();
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] message = randomBytes(64);
            messages.add(message);
            items.add(Map.of("digest", Digests.base64(Digests.sha256(message)), "artifact", "file-" + i + ".bin"));
        }
        JsonNode response = expect(signer.post(signPath(keyAlgorithm),
                Map.of("algorithm", "ECDSA_SHA256", "items", items)), 200).json();
        PublicKey publicKey = Provisioning.publicKey(response, keyAlgorithm);
        for (int i = 0; i < messages.size(); i++) {
            Signature verifier = SignatureAlgorithm.ECDSA_SHA256.newVerifier();
            verifier.initVerify(publicKey);
            verifier.update(messages.get(i));
            assertThat(verifier.verify(Base64.getDecoder().decode(response.get("signatures").get(i).asString())))
                    .as("item " + i).isTrue();
        }
    }

    @Test
    void opensslVerifiesRsaEcAndEd25519Signatures() throws Exception {
        Path openssl = ExternalTools.require("openssl");
        Path work = Files.createTempDirectory(dataDir, "openssl");
        byte[] message = randomBytes(10_000);
        Path messageFile = Files.write(work.resolve("message.bin"), message);
        List<List<String>> checks = new ArrayList<>();
        for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.RSA_PKCS1_SHA256, SignatureAlgorithm.RSA_PSS_SHA256,
                SignatureAlgorithm.ECDSA_SHA384, SignatureAlgorithm.ED25519)) {
            KeyAlgorithm keyAlgorithm = switch (algorithm.keyFamily()) {
                case RSA -> KeyAlgorithm.RSA_3072;
                case EC -> KeyAlgorithm.EC_P384;
                case ED25519 -> KeyAlgorithm.ED25519;
            };
            byte[] signed = algorithm.isPrehashed() ? message : Arrays.copyOf(message, 900);
            Path signedFile = Files.write(work.resolve(algorithm + ".msg"), signed);
            Path signature = Files.write(work.resolve(algorithm + ".sig"), signOne(keyAlgorithm, algorithm, signed));
            Path pem = Files.writeString(work.resolve(algorithm + ".pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + keys.get(keyAlgorithm).get("publicKey").asString() + "\n-----END PUBLIC KEY-----\n");
            List<String> command = switch (algorithm.encoding()) {
                case PURE -> List.of(openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(),
                        "-rawin", "-in", signedFile.toString(), "-sigfile", signature.toString());
                case PSS -> List.of(openssl.toString(), "dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss",
                        "-sigopt", "rsa_pss_saltlen:32", "-verify", pem.toString(), "-signature", signature.toString(),
                        signedFile.toString());
                default -> List.of(openssl.toString(), "dgst", "-" + algorithm.digest().jcaName().replace("-", "").toLowerCase(),
                        "-verify", pem.toString(), "-signature", signature.toString(), signedFile.toString());
            };
            checks.add(command);
        }
        for (List<String> command : checks) {
            ExternalTools.Result result = ExternalTools.run(command);
            assertThat(result.output()).as(String.join(" ", command)).containsPattern("Verified (OK|Successfully)");
            assertThat(result.exitCode()).isZero();
        }
        Files.write(messageFile, randomBytes(10_000));
        List<String> tampered = new ArrayList<>(checks.get(0));
        tampered.set(tampered.size() - 1, messageFile.toString());
        assertThat(ExternalTools.run(tampered).exitCode()).as("openssl on a different message").isNotZero();
    }

    byte[] signOne(KeyAlgorithm keyAlgorithm, SignatureAlgorithm algorithm, byte[] message) {
        Map<String, String> item = algorithm.isPrehashed()
                ? Map.of("digest", Digests.base64(algorithm.digest().newDigest().digest(message)))
                : Map.of("data", Digests.base64(message));
        JsonNode response = expect(signer.post(signPath(keyAlgorithm),
                Map.of("algorithm", algorithm.name(), "items", List.of(item))), 200).json();
        assertThat(response.get("algorithm").asString()).isEqualTo(algorithm.name());
        return Base64.getDecoder().decode(response.get("signatures").get(0).asString());
    }

    static String name(KeyAlgorithm algorithm) {
        return algorithm.name().toLowerCase().replace('_', '-');
    }

    static String signPath(KeyAlgorithm algorithm) {
        return "/api/v1/projects/roundtrip/profiles/" + name(algorithm) + "/sign";
    }

    static List<SignatureAlgorithm> compatible(KeyAlgorithm keyAlgorithm) {
        return Arrays.stream(SignatureAlgorithm.values()).filter(a -> a.keyFamily() == keyAlgorithm.family()).toList();
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
