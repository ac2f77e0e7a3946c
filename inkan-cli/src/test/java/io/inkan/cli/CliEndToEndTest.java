package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI against a real Inkan server over HTTPS: an administrator provisions through environment
 * variables (as CI would), a signer logs in with a token the administrator created, signs files, and the
 * signatures verify with openssl and the JDK. Also pins the exit codes scripts depend on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEndToEndTest {

    private static final JsonMapper JSON = InkanJson.newMapper();

    private Path dir;
    private TestServer server;
    private CliRunner admin;
    private CliRunner signer;
    private String signerToken;

    @BeforeAll
    void provision(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        server = TestServer.start(dir.resolve("server"), Map.of());
        admin = new CliRunner(dir.resolve("admin-home")).server(server, server.adminToken());

        succeeds(admin.run("projects", "create", "app", "--description", "end-to-end"));
        assertThat(admin.run("keys", "create", "--project", "app", "--name", "ec", "--algorithm", "EC_P256").exitCode())
                .as("administrators do not generate keys").isNotZero();
        String custodianToken = succeeds(admin.run("tokens", "create", "--name", "app-custodian", "--role", "custodian",
                "--project", "app", "--expires-days", "1")).out().strip();
        CliRunner custodian = new CliRunner(dir.resolve("custodian-home")).server(server, custodianToken);
        succeeds(custodian.run("keys", "create", "--project", "app", "--name", "ec", "--algorithm", "EC_P256"));
        succeeds(custodian.run("keys", "create", "--project", "app", "--name", "rsa", "--algorithm", "rsa-2048"));
        succeeds(custodian.run("keys", "create", "--project", "app", "--name", "ed", "--algorithm", "ED25519"));
        succeeds(custodian.run("profiles", "create", "--project", "app", "--name", "ec-release", "--key", "ec"));
        succeeds(custodian.run("profiles", "create", "--project", "app", "--name", "rsa-release", "--key", "rsa",
                "--allow", "RSA_PKCS1_SHA256", "--allow", "RSA_PSS_SHA256"));
        succeeds(custodian.run("profiles", "create", "--project", "app", "--name", "ed-release", "--key", "ed"));
        CliRunner.Result token = succeeds(admin.run("tokens", "create", "--name", "release-ci", "--role", "signer",
                "--project", "app", "--expires-days", "1"));
        signerToken = token.out().strip();
        assertThat(signerToken).isNotBlank().doesNotContain("\n");

        signer = new CliRunner(dir.resolve("signer-home"));
        signer.stdin = signerToken + "\n";
        CliRunner.Result login = succeeds(signer.run("login", "--server", server.baseUrl().toString(),
                "--token-stdin", "--ca", server.serverCertificate().toString()));
        assertThat(login.out()).contains("release-ci", "signer of project app").doesNotContain(signerToken);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void adminListsWhatWasProvisioned() {
        JsonNode keys = JSON.readTree(succeeds(admin.run("keys", "list", "--project", "app", "--json")).out());
        assertThat(keys.valueStream().map(k -> k.get("name").asString())).containsExactlyInAnyOrder("ec", "rsa", "ed");

        CliRunner.Result profiles = succeeds(admin.run("profiles", "list", "--project", "app"));
        assertThat(profiles.out()).contains("rsa-release", "RSA_PKCS1_SHA256,RSA_PSS_SHA256");

        CliRunner.Result tokens = succeeds(admin.run("tokens", "list"));
        assertThat(tokens.out()).contains("release-ci", "signer").doesNotContain(signerToken);
    }

    @Test
    void ecSignaturesVerifyWithOpensslAndTheJdk() throws Exception {
        Path work = Files.createDirectories(dir.resolve("ec-files"));
        List<Path> files = artifacts(work);

        CliRunner.Result result = succeeds(signer.run("sign", "--format", "raw", "--project", "app",
                "--profile", "ec-release", files.get(0).toString(), files.get(1).toString()));

        assertThat(result.out()).contains("ECDSA_SHA256");
        Path publicKey = work.resolve("ec-release.pub.pem");
        for (Path file : files) {
            Path signature = work.resolve(file.getFileName() + ".sig");
            assertOpensslVerifies(publicKey, signature, file);
            assertThat(jdkVerifies(SignatureAlgorithm.ECDSA_SHA256, "EC", publicKey, signature, file)).isTrue();
        }
    }

    @Test
    void rsaSignaturesGoToTheOutputDirectoryAndVerify() throws Exception {
        Path work = Files.createDirectories(dir.resolve("rsa-files"));
        Path out = work.resolve("signatures");
        List<Path> files = artifacts(work);

        succeeds(signer.run("sign", "--format", "raw", "--project", "app", "--profile", "rsa-release",
                "--output-dir", out.toString(), files.get(0).toString(), files.get(1).toString()));

        Path publicKey = out.resolve("rsa-release.pub.pem");
        for (Path file : files) {
            Path signature = out.resolve(file.getFileName() + ".sig");
            assertOpensslVerifies(publicKey, signature, file);
            assertThat(jdkVerifies(SignatureAlgorithm.RSA_PKCS1_SHA256, "RSA", publicKey, signature, file)).isTrue();
        }
    }

    @Test
    void ed25519SignsSmallDataThroughSignHashButNotFiles() throws Exception {
        byte[] message = "signed attributes".getBytes(StandardCharsets.UTF_8);

        CliRunner.Result signed = succeeds(signer.run("sign-hash", "--project", "app", "--profile", "ed-release",
                "--algorithm", "ED25519", "--data", Base64.getEncoder().encodeToString(message)));

        JsonNode key = JSON.readTree(succeeds(signer.run("keys", "list", "--project", "app", "--json")).out())
                .valueStream().filter(k -> k.get("name").asString().equals("ed")).findFirst().orElseThrow();
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asString())));
        Signature verifier = SignatureAlgorithm.ED25519.newVerifier();
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.out().strip()))).isTrue();

        Path file = Files.writeString(dir.resolve("ed.txt"), "too big for pure Ed25519 in general");
        CliRunner.Result refused = signer.run("sign", "--format", "raw", "--project", "app", "--profile",
                "ed-release", file.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("sign-hash --algorithm ED25519 --data");
    }

    @Test
    void unknownProfileIsFour() throws IOException {
        Path file = Files.writeString(dir.resolve("p.txt"), "x");

        CliRunner.Result result = signer.run("sign", "--format", "raw", "--project", "app", "--profile", "nope",
                file.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(file.resolveSibling("p.txt.sig")).doesNotExist();
    }

    @Test
    void algorithmTheProfileDoesNotOfferIsFive() throws IOException {
        Path file = Files.writeString(dir.resolve("alg.txt"), "x");

        CliRunner.Result notAllowed = signer.run("sign", "--format", "raw", "--project", "app",
                "--profile", "rsa-release", "--algorithm", "RSA_PKCS1_SHA512", file.toString());
        CliRunner.Result wrongFamily = signer.run("sign-hash", "--project", "app", "--profile", "ec-release",
                "--algorithm", "RSA_PSS_SHA256", "--digest", "00".repeat(32));

        assertThat(notAllowed.exitCode()).as(notAllowed.err()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrongFamily.exitCode()).as(wrongFamily.err()).isEqualTo(ExitCodes.REFUSED);
        assertThat(file.resolveSibling("alg.txt.sig")).doesNotExist();
    }

    @Test
    void badDigestIsFive() {
        CliRunner.Result result = signer.run("sign-hash", "--project", "app", "--profile", "ec-release",
                "--algorithm", "ECDSA_SHA256", "--digest", "00".repeat(20));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).startsWith("inkan: ");
    }

    @Test
    void badTokenAndMissingRightsAreThree() {
        CliRunner bogus = new CliRunner(dir.resolve("bogus-home")).server(server, "ink_not_a_real_token");

        CliRunner.Result unauthenticated = bogus.run("projects", "list");
        CliRunner.Result signerAdministering = signer.run("projects", "create", "sneaky");

        assertThat(unauthenticated.exitCode()).as(unauthenticated.err()).isEqualTo(ExitCodes.AUTH);
        assertThat(unauthenticated.err()).doesNotContain("ink_not_a_real_token");
        assertThat(signerAdministering.exitCode()).as(signerAdministering.err()).isEqualTo(ExitCodes.AUTH);
    }

    @Test
    void revokedTokenStopsWorking() {
        String secret = succeeds(admin.run("tokens", "create", "--name", "short-lived", "--role", "signer",
                "--project", "app")).out().strip();
        JsonNode tokens = JSON.readTree(succeeds(admin.run("tokens", "list", "--json")).out());
        String id = tokens.valueStream().filter(t -> t.get("name").asString().equals("short-lived"))
                .findFirst().orElseThrow().get("id").asString();
        CliRunner user = new CliRunner(dir.resolve("short-home")).server(server, secret);
        succeeds(user.run("profiles", "list", "--project", "app"));

        succeeds(admin.run("tokens", "revoke", id));

        assertThat(user.run("profiles", "list", "--project", "app").exitCode()).isEqualTo(ExitCodes.AUTH);
    }

    @Test
    void theBootstrapAdministratorLogsInWithTheClientCertificateAndManagesPrincipals() {
        CliRunner person = new CliRunner(dir.resolve("certificate-home"));
        CliRunner.Result login = succeeds(person.run("login", "--server", server.baseUrl().toString(),
                "--ca", server.serverCertificate().toString(),
                "--client-certificate", server.adminCertificate().toString(),
                "--client-certificate-password-file", server.adminCertificatePasswordFile().toString()));
        assertThat(login.out()).contains("bootstrap-admin", "admin");

        succeeds(person.run("principals", "create", "alice"));
        succeeds(person.run("principals", "grant", "alice", "--role", "approver", "--project", "app"));
        succeeds(person.run("principals", "grant", "alice", "--role", "auditor", "--project", "app"));
        assertThat(succeeds(person.run("principals", "list")).out()).contains("alice", "app:approver app:auditor");
        succeeds(person.run("principals", "revoke", "alice", "--role", "auditor", "--project", "app"));
        assertThat(succeeds(person.run("principals", "list")).out()).doesNotContain("app:auditor");
        assertThat(succeeds(person.run("principals", "unlock-second-factor", "alice")).out()).contains("unlocked");

        CliRunner viaEnvironment = new CliRunner(dir.resolve("certificate-env-home"));
        viaEnvironment.env.put("INKAN_SERVER", server.baseUrl().toString());
        viaEnvironment.env.put("INKAN_CA", server.serverCertificate().toString());
        viaEnvironment.env.put("INKAN_CLIENT_CERTIFICATE", server.adminCertificate().toString());
        viaEnvironment.env.put("INKAN_CLIENT_CERTIFICATE_PASSWORD", new String(server.adminCertificatePassword()));
        assertThat(succeeds(viaEnvironment.run("projects", "list")).out()).contains("app");
        assertThat(viaEnvironment.run("sign-hash", "--project", "app", "--profile", "ec-release",
                "--algorithm", "ECDSA_SHA256", "--digest", "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=").exitCode())
                .as("administrators cannot sign").isNotZero();
    }

    @Test
    void unreachableServerAndUntrustedCertificateAreSix() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRunner offline = new CliRunner(dir.resolve("offline-home"))
                .server("https://127.0.0.1:" + closedPort, signerToken);
        CliRunner untrusting = new CliRunner(dir.resolve("untrusting-home"))
                .server(server.baseUrl().toString(), signerToken);

        CliRunner.Result unreachable = offline.run("profiles", "list", "--project", "app");
        CliRunner.Result untrusted = untrusting.run("profiles", "list", "--project", "app");

        assertThat(unreachable.exitCode()).as(unreachable.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(untrusted.exitCode()).as(untrusted.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(untrusted.err()).doesNotContain(signerToken);
    }

    private static CliRunner.Result succeeds(CliRunner.Result result) {
        assertThat(result.exitCode()).as("stderr: %s", result.err()).isZero();
        return result;
    }

    /** A small text file and one spanning several digest buffers. */
    private static List<Path> artifacts(Path directory) throws IOException {
        byte[] large = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(large);
        return List.of(Files.writeString(directory.resolve("notes.txt"), "release notes\n"),
                Files.write(directory.resolve("app.bin"), large));
    }

    private static void assertOpensslVerifies(Path publicKey, Path signature, Path file) {
        Path openssl = ExternalTools.require("openssl");
        ExternalTools.Result result = ExternalTools.run(List.of(openssl.toString(), "dgst", "-sha256",
                "-verify", publicKey.toString(), "-signature", signature.toString(), file.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Verified OK");
    }

    private static boolean jdkVerifies(SignatureAlgorithm algorithm, String keyFamily, Path pem, Path signature,
                                       Path file) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance(keyFamily)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature verifier = algorithm.newVerifier();
        verifier.initVerify(key);
        verifier.update(Files.readAllBytes(file));
        return verifier.verify(Files.readAllBytes(signature));
    }
}
