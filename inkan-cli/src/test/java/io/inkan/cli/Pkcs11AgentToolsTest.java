package io.inkan.cli;

import io.inkan.core.DigestAlgorithm;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan pkcs11 serve} against a live server, used by the real tools through Debian's
 * {@code p11-kit-client.so}: pkcs11-tool lists and signs with each mechanism, OpenSSL's pkcs11 engine signs
 * raw and CMS, osslsigncode and sbsign sign PE/EFI images; everything verifies with openssl, osslsigncode or
 * sbverify, and lands in the audit trail under the agent's token. Refusals (a revoked token, a profile that
 * needs approval) fail the tool and say why in the agent's log; the agent outlives a server restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11AgentToolsTest extends LiveServerTest {

    private static final Path CLIENT_MODULE = Path.of("/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so");
    private static final Path ENGINE = Path.of("/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so");

    private Agent agent;
    private TestServer restarted;

    /** One agent run in-process as {@code inkan pkcs11 serve}, stopped by interrupting its thread. */
    private record Agent(Path socket, Thread thread, CompletableFuture<CliRunner.Result> result) {

        static Agent start(CliRunner cli, Path socket, Path pidFile) throws Exception {
            CompletableFuture<CliRunner.Result> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> result.complete(cli.run("pkcs11", "serve", "--socket", socket.toString(),
                    "--pid-file", pidFile.toString())), "agent-under-test");
            thread.setDaemon(true);
            thread.start();
            for (int i = 0; i < 600 && !Files.exists(socket) && !result.isDone(); i++) {
                Thread.sleep(50);
            }
            if (!Files.exists(socket)) {
                throw new AssertionError("the agent did not start: " + result.getNow(null));
            }
            return new Agent(socket, thread, result);
        }

        Map<String, String> environment() {
            return Map.of("P11_KIT_SERVER_ADDRESS", "unix:path=" + socket);
        }

        CliRunner.Result stop() throws Exception {
            thread.interrupt();
            return result.get(30, TimeUnit.SECONDS);
        }
    }

    @BeforeAll
    void startAgent() throws Exception {
        ExternalTools.require("pkcs11-tool");
        requireFile(CLIENT_MODULE);
        Path run = Files.createDirectories(dir.resolve("run"));
        agent = Agent.start(fixture.signer, run.resolve("agent.sock"), run.resolve("agent.pid"));
    }

    @AfterAll
    void stopAgent() throws Exception {
        if (agent != null) {
            agent.stop();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    @Order(1)
    void socketIsOwnerOnlyAndThePidFileNamesThisProcess() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.socket()))).isEqualTo("rw-------");
        assertThat(Files.readString(agent.socket().resolveSibling("agent.pid")).strip())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    @Order(1)
    void pkcs11ToolListsOneTokenPerProjectWithTheProfilesKeysAndCertificates() throws Exception {
        String slots = tool(List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "-L"));
        assertThat(slots).contains("token label        : app", "token manufacturer : Inkan");

        String objects = tool(List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "-O"));
        assertThat(objects).contains("Private Key Object; RSA", "Private Key Object; EC", "Public Key Object; RSA 2048 bits",
                "Public Key Object; EC", "Certificate Object; type = X.509 cert", "label:      rsa", "label:      ec");
        assertThat(objects).doesNotContain("label:      ed");

        String mechanisms = tool(List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "-M"));
        assertThat(mechanisms).contains("RSA-PKCS,", "RSA-PKCS-PSS", "SHA256-RSA-PKCS", "ECDSA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA-PKCS", "SHA256-RSA-PKCS", "SHA384-RSA-PKCS", "SHA512-RSA-PKCS", "RSA-PKCS-PSS", "ECDSA"})
    @Order(2)
    void pkcs11ToolSignsWithEachMechanismAndOpensslVerifies(String mechanism) throws Exception {
        Path work = Files.createDirectories(dir.resolve("mech-" + mechanism));
        byte[] data = ("release " + mechanism).getBytes(StandardCharsets.UTF_8);
        Path content = Files.write(work.resolve("data"), data);
        byte[] digest = DigestAlgorithm.SHA256.newDigest().digest(data);
        boolean ec = mechanism.equals("ECDSA");
        String profile = ec ? "ec" : "rsa";
        List<String> command = new ArrayList<>(List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "--sign",
                "-m", mechanism, "--id", keyId(profile), "-o", work.resolve("sig").toString()));
        byte[] input;
        String hash = "-sha256";
        switch (mechanism) {
            case "RSA-PKCS" -> input = concat(HexFormat.of().parseHex("3031300d060960864801650304020105000420"), digest);
            case "RSA-PKCS-PSS" -> {
                input = digest;
                command.addAll(List.of("--hash-algorithm", "SHA256", "--mgf", "MGF1-SHA256", "--salt-len", "32"));
            }
            case "ECDSA" -> {
                input = digest;
                command.addAll(List.of("--signature-format", "openssl"));
            }
            default -> {
                input = data;
                hash = "-" + mechanism.substring(0, 6).toLowerCase();
            }
        }
        command.addAll(List.of("-i", Files.write(work.resolve("input"), input).toString()));
        tool(command);

        List<String> verify = new ArrayList<>(List.of(openssl(), "dgst", hash, "-verify", publicKeyPem(profile).toString(),
                "-signature", work.resolve("sig").toString()));
        if (mechanism.equals("RSA-PKCS-PSS")) {
            verify.addAll(List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"));
        }
        verify.add(content.toString());
        assertThat(tool(verify)).contains("Verified OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec"})
    @Order(3)
    void opensslEngineSignsRawAndCms(String profile) throws Exception {
        requireFile(ENGINE);
        Path work = Files.createDirectories(dir.resolve("engine-" + profile));
        Path content = Files.writeString(work.resolve("data"), "engine " + profile);
        String key = "pkcs11:token=app;object=" + profile + ";type=private";

        tool(List.of(openssl(), "dgst", "-sha384", "-engine", "pkcs11", "-keyform", "engine", "-sign", key,
                "-out", work.resolve("sig").toString(), content.toString()));
        assertThat(tool(List.of(openssl(), "dgst", "-sha384", "-verify", publicKeyPem(profile).toString(),
                "-signature", work.resolve("sig").toString(), content.toString()))).contains("Verified OK");

        tool(List.of(openssl(), "cms", "-sign", "-binary", "-engine", "pkcs11", "-keyform", "engine", "-inkey", key,
                "-signer", fixture.certificatePem(profile).toString(), "-in", content.toString(),
                "-outform", "DER", "-out", work.resolve("sig.p7s").toString()));
        assertThat(tool(List.of(openssl(), "cms", "-verify", "-binary", "-inform", "DER", "-in", work.resolve("sig.p7s").toString(),
                "-content", content.toString(), "-purpose", "any", "-CAfile", fixture.certificatePem(profile).toString(),
                "-out", "/dev/null"))).contains("Verification successful");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec"})
    @Order(4)
    void osslsigncodeSignsAPeImage(String profile) throws Exception {
        Path osslsigncode = ExternalTools.require("osslsigncode");
        Path work = Files.createDirectories(dir.resolve("pe-" + profile));
        Path exe = Files.write(work.resolve("app.exe"), TinyPe.image(3));
        tool(List.of(osslsigncode.toString(), "sign", "-pkcs11module", CLIENT_MODULE.toString(),
                "-key", "pkcs11:token=app;object=" + profile + ";type=private", "-certs", fixture.certificatePem(profile).toString(),
                "-h", "sha256", "-in", exe.toString(), "-out", work.resolve("signed.exe").toString()));
        assertThat(tool(List.of(osslsigncode.toString(), "verify", "-CAfile", fixture.certificatePem(profile).toString(),
                "-in", work.resolve("signed.exe").toString()))).contains("Signature verification: ok");
    }

    @Test
    @Order(4)
    void sbsignSignsAnEfiImage() throws Exception {
        Path sbsign = ExternalTools.require("sbsign");
        requireFile(ENGINE);
        Path work = Files.createDirectories(dir.resolve("efi"));
        Path efi = Files.write(work.resolve("boot.efi"), TinyPe.image(10));
        tool(List.of(sbsign.toString(), "--engine", "pkcs11", "--key", "pkcs11:token=app;object=rsa;type=private",
                "--cert", fixture.certificatePem("rsa").toString(), "--output", work.resolve("signed.efi").toString(), efi.toString()));
        assertThat(tool(List.of(ExternalTools.require("sbverify").toString(), "--cert", fixture.certificatePem("rsa").toString(),
                work.resolve("signed.efi").toString()))).contains("Signature verification OK");
    }

    @Test
    @Order(4)
    void gpgSignsThroughGnupgPkcs11ScdAndAFreshKeyringVerifies() throws Exception {
        Path scd = ExternalTools.require("gnupg-pkcs11-scd");
        Path gpg = ExternalTools.require("gpg");
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.resolve("gpg-agent.conf"), "scdaemon-program " + scd + "\n");
        Files.writeString(home.resolve("gnupg-pkcs11-scd.conf"), "providers p1\nprovider-p1-library " + CLIENT_MODULE + "\n");
        Map<String, String> environment = new java.util.HashMap<>(agent.environment());
        environment.put("GNUPGHOME", home.toString());
        try {
            String learned = gpgTool(List.of("gpg-connect-agent", "SCD LEARN", "/bye"), environment);
            String keygrip = learned.lines().filter(line -> line.startsWith("S KEY-FRIEDNLY") || line.startsWith("S KEY-FRIENDLY"))
                    .map(line -> line.split(" ")[2]).findFirst().orElseThrow(() -> new AssertionError(learned));
            gpgTool(List.of("gpg-connect-agent", "LEARN", "/bye"), environment);
            Path parameters = Files.writeString(dir.resolve("gpg-key.txt"), String.join("\n", "Key-Type: RSA", "Key-Grip: " + keygrip,
                    "Key-Usage: sign", "Name-Real: Inkan Release", "Name-Email: release@inkan.test", "Expire-Date: 0",
                    "%no-protection", "%commit", ""));
            gpgTool(List.of(gpg.toString(), "--batch", "--generate-key", parameters.toString()), environment);
            Path content = Files.writeString(dir.resolve("gpg-release.txt"), "release signed through gnupg-pkcs11-scd\n");
            gpgTool(List.of(gpg.toString(), "--batch", "--local-user", "release@inkan.test", "--detach-sign", "--armor",
                    content.toString()), environment);
            Path publicKey = dir.resolve("gpg-release.asc");
            gpgTool(List.of(gpg.toString(), "--batch", "--armor", "--output", publicKey.toString(), "--export", "release@inkan.test"),
                    environment);

            Path fresh = Files.createDirectories(dir.resolve("gnupg-fresh"));
            Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> verifier = Map.of("GNUPGHOME", fresh.toString());
            gpgTool(List.of(gpg.toString(), "--batch", "--import", publicKey.toString()), verifier);
            assertThat(gpgTool(List.of(gpg.toString(), "--batch", "--verify", content + ".asc", content.toString()), verifier))
                    .contains("Good signature from \"Inkan Release <release@inkan.test>\"");
        } finally {
            run(List.of("gpgconf", "--kill", "all"), environment);
        }
    }

    private String gpgTool(List<String> command, Map<String, String> environment) {
        ExternalTools.Result result = run(command, environment);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
        return result.output();
    }

    @Test
    @Order(5)
    void everySignatureIsAuditedUnderTheAgentsToken() {
        JsonNode page = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                SigningFixture.succeeds(fixture.runner("admin", fixture.server.adminToken())
                        .run("audit", "search", "--action", "sign", "--project", "app", "--json")).out());
        List<JsonNode> records = new ArrayList<>();
        page.get("records").forEach(records::add);
        assertThat(records).isNotEmpty();
        assertThat(records).allSatisfy(r -> assertThat(r.toString()).contains("signer-app", "pkcs11-agent"));
    }

    @Test
    @Order(6)
    void aRevokedTokenMakesSigningFailCleanlyAndTheAgentKeepsServing() throws Exception {
        JsonNode created = fixture.admin.post("/api/v1/tokens", Map.of("name", "agent-to-revoke", "role", "signer",
                "project", "app")).json();
        Path run = Files.createDirectories(dir.resolve("run-revoked"));
        Agent revoked = Agent.start(fixture.runner("revoked", created.get("secret").asString()), run.resolve("a.sock"),
                run.resolve("a.pid"));
        try {
            Path work = Files.createDirectories(dir.resolve("revoked"));
            Path input = Files.write(work.resolve("digest"), new byte[32]);
            List<String> sign = List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "--sign", "-m", "ECDSA",
                    "--id", keyId("ec"), "-i", input.toString(), "-o", work.resolve("sig").toString());
            assertThat(run(sign, revoked.environment()).exitCode()).isZero();

            assertThat(fixture.admin.delete("/api/v1/tokens/" + created.get("id").asString()).status()).isEqualTo(204);
            ExternalTools.Result refused = run(sign, revoked.environment());
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(run(List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "-L"), revoked.environment()).output())
                    .contains("token label        : app");
        } finally {
            CliRunner.Result result = revoked.stop();
            assertThat(result.err()).contains("no longer accepts the agent's credential");
        }
    }

    @Test
    @Order(6)
    void aProfileThatNeedsApprovalIsRejectedWithAClearLogLine() throws Exception {
        Provisioning provisioning = new Provisioning(fixture.admin);
        X509Certificate gated = Provisioning.leafCertificate(
                provisioning.keyAndProfile("app", "gated", KeyAlgorithm.EC_P256, "software"));
        assertThat(provisioning.custodian("app").put("/api/v1/projects/app/profiles/gated/policy",
                Map.of("approvalsRequired", 1)).status()).isEqualTo(200);
        Path run = Files.createDirectories(dir.resolve("run-gated"));
        Agent gatedAgent = Agent.start(fixture.signer, run.resolve("g.sock"), run.resolve("g.pid"));
        try {
            Path work = Files.createDirectories(dir.resolve("gated"));
            ExternalTools.Result refused = run(List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "--sign",
                    "-m", "ECDSA", "--id", HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(gated.getPublicKey().getEncoded())),
                    "-i", Files.write(work.resolve("digest"), new byte[32]).toString(), "-o", work.resolve("sig").toString()),
                    gatedAgent.environment());
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        } finally {
            assertThat(gatedAgent.stop().err()).contains("app/gated needs an approved signing request");
        }
    }

    @Test
    @Order(7)
    void theSpawnFormServesOneToolRunAndEnvPrintsTheLines() throws Exception {
        String env = SigningFixture.succeeds(fixture.signer.run("pkcs11", "env", "--socket", agent.socket().toString())).out();
        assertThat(env).contains("P11_KIT_SERVER_ADDRESS='unix:path=" + agent.socket() + "'; export P11_KIT_SERVER_ADDRESS;",
                "INKAN_PKCS11_MODULE=" + CLIENT_MODULE + "; export INKAN_PKCS11_MODULE;");
        assertThat(SigningFixture.succeeds(fixture.signer.run("pkcs11", "env", "--stdio")).out())
                .contains("P11_KIT_SERVER_ADDRESS='|inkan pkcs11 stdio'");

        Map<String, String> spawn = new java.util.HashMap<>(fixture.signer.env);
        spawn.put("P11_KIT_SERVER_ADDRESS", "|" + SigningFixture.jdkTool("java") + " -cp " + System.getProperty("java.class.path")
                + " io.inkan.cli.InkanCli pkcs11 stdio");
        assertThat(run(List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "-L"), spawn).output())
                .contains("token label        : app");
    }

    @Test
    @Order(8)
    void theAgentKeepsServingAcrossAServerRestart() throws Exception {
        int port = fixture.server.port();
        Path data = fixture.server.dataDir();
        fixture.server.close();
        Path work = Files.createDirectories(dir.resolve("restart"));
        List<String> sign = List.of(pkcs11Tool(), "--module", CLIENT_MODULE.toString(), "--sign", "-m", "ECDSA",
                "--id", keyId("ec"), "-i", Files.write(work.resolve("digest"), new byte[32]).toString(),
                "-o", work.resolve("sig").toString());
        assertThat(run(sign, agent.environment()).exitCode()).isNotZero();

        restarted = TestServer.start(data, Map.of("server.port", Integer.toString(port)));
        tool(sign);
        assertThat(Files.size(work.resolve("sig"))).isEqualTo(64);
    }

    private String tool(List<String> command) {
        ExternalTools.Result result = run(command, agent.environment());
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
        return result.output();
    }

    private ExternalTools.Result run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            builder.environment().put("OPENSSL_CONF", opensslConfig().toString());
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new ExternalTools.Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** OpenSSL configuration loading the pkcs11 engine with p11-kit-client.so as its module. */
    private Path opensslConfig() throws Exception {
        Path file = dir.resolve("openssl-pkcs11.cnf");
        if (!Files.exists(file)) {
            Files.writeString(file, String.join("\n",
                    "openssl_conf = openssl_init",
                    "[openssl_init]",
                    "engines = engine_section",
                    "[engine_section]",
                    "pkcs11 = pkcs11_section",
                    "[pkcs11_section]",
                    "engine_id = pkcs11",
                    "dynamic_path = " + ENGINE,
                    "MODULE_PATH = " + CLIENT_MODULE,
                    "init = 0", ""));
        }
        return file;
    }

    /** The profile's CKA_ID as pkcs11-tool's {@code --id} takes it: SHA-1 of the SubjectPublicKeyInfo, hex. */
    private String keyId(String profile) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                .digest(fixture.certificate(profile).getPublicKey().getEncoded()));
    }

    private Path publicKeyPem(String profile) throws Exception {
        Path file = dir.resolve(profile + ".pub.pem");
        if (!Files.exists(file)) {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(
                    fixture.certificate(profile).getPublicKey().getEncoded());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
        }
        return file;
    }

    private static String pkcs11Tool() {
        return ExternalTools.require("pkcs11-tool").toString();
    }

    private static String openssl() {
        return ExternalTools.require("openssl").toString();
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(file + " is missing; run scripts/install-test-tools.sh");
            }
            org.junit.jupiter.api.Assumptions.abort(file + " is missing; run scripts/install-test-tools.sh");
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
