package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.core.api.ReceiptView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;
import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inkan sign --format raw} against a fake server that really signs with an in-memory EC key. */
class SignCommandTest {

    private static final JsonMapper JSON = InkanJson.newMapper();
    private static final String SIGN = "POST /api/v1/projects/app/profiles/rel/sign";

    @TempDir
    Path dir;

    private FakeServer server;
    private CliRunner cli;
    private KeyPair key;
    private Path a;
    private Path b;
    /** The receipt the fake server puts in its responses; none unless a test sets one. */
    private ReceiptView receipt;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        server = new FakeServer()
                .on("GET /api/v1/projects/app/profiles/rel", FakeServer.Reply.json(200,
                        "{\"project\":\"app\",\"name\":\"rel\",\"key\":\"k1\",\"allowedAlgorithms\":[\"ECDSA_SHA256\"]}"))
                .on("GET /api/v1/projects/app/keys/k1", FakeServer.Reply.json(200,
                        "{\"project\":\"app\",\"name\":\"k1\",\"algorithm\":\"EC_P256\"}"))
                .on(SIGN, this::sign);
        cli = new CliRunner(dir.resolve("home")).server(server.url(), "tok");
        a = Files.writeString(dir.resolve("a.txt"), "hello inkan\n");
        byte[] large = new byte[2 * 1024 * 1024 + 7];
        new Random(1).nextBytes(large);
        b = Files.write(dir.resolve("b.bin"), large);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Signs each digest as it is, the way a token's raw ECDSA mechanism does. */
    private FakeServer.Reply sign(FakeServer.Request request) {
        try {
            SignHashRequest batch = JSON.readValue(request.body(), SignHashRequest.class);
            List<String> signatures = new ArrayList<>();
            for (SignHashRequest.Item item : batch.items()) {
                Signature ecdsa = Signature.getInstance("NONEwithECDSA");
                ecdsa.initSign(key.getPrivate());
                ecdsa.update(Base64.getDecoder().decode(item.digest()));
                signatures.add(Base64.getEncoder().encodeToString(ecdsa.sign()));
            }
            SignHashResponse response = SignHashResponse.builder().project("app").profile("rel").key("k1")
                    .algorithm(batch.algorithm()).signatures(signatures)
                    .publicKey(Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))
                    .certificateChain(List.of()).receipt(receipt).build();
            return FakeServer.Reply.json(200, JSON.writeValueAsString(response));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signsAllFilesInOneRequestAndWritesVerifiableSignatures() throws Exception {
        CliRunner.Result result = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                a.toString(), b.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<FakeServer.Request> signRequests = server.requests(SIGN);
        assertThat(signRequests).hasSize(1);
        SignHashRequest sent = JSON.readValue(signRequests.get(0).body(), SignHashRequest.class);
        assertThat(sent.algorithm()).isEqualTo("ECDSA_SHA256");
        assertThat(sent.items()).extracting(SignHashRequest.Item::artifact).containsExactly("a.txt", "b.bin");

        PublicKey publicKey = readPem(dir.resolve("rel.pub.pem"));
        assertThat(verifies(publicKey, a, dir.resolve("a.txt.sig"))).isTrue();
        assertThat(verifies(publicKey, b, dir.resolve("b.bin.sig"))).isTrue();
        assertThat(verifies(publicKey, a, dir.resolve("b.bin.sig"))).isFalse();
        assertThat(listing(dir)).containsExactlyInAnyOrder("a.txt", "a.txt.sig", "b.bin", "b.bin.sig", "rel.pub.pem");
    }

    @Test
    void theAuditReceiptIsWrittenBesideEachSignatureAndSharedByTheFilesOfOneRequest() throws Exception {
        receipt = new ReceiptView("inkan.audit/0123456789abcdef", 42, "ab".repeat(32), "promise note\n", "key note\n");
        Path out = dir.resolve("out");

        CliRunner.Result result = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                "--output-dir", out.toString(), a.toString(), b.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(listing(out)).containsExactlyInAnyOrder("a.txt.sig", "a.txt.inkan-receipt.json", "b.bin.sig",
                "b.bin.inkan-receipt.json", "rel.pub.pem");
        for (String name : List.of("a.txt", "b.bin")) {
            assertThat(JSON.readValue(out.resolve(name + ".inkan-receipt.json").toFile(), ReceiptView.class))
                    .isEqualTo(receipt);
        }
        assertThat(result.out()).contains("Audit receipts: 2");
    }

    @Test
    void opensslAcceptsTheOutputs() throws Exception {
        Path openssl = ExternalTools.require("openssl");
        cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel", a.toString());

        ExternalTools.Result result = ExternalTools.run(List.of(openssl.toString(), "dgst", "-sha256",
                "-verify", dir.resolve("rel.pub.pem").toString(), "-signature", dir.resolve("a.txt.sig").toString(),
                a.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Verified OK");
    }

    @Test
    void outputDirectoryIsCreatedAndReceivesEverything() throws Exception {
        Path out = dir.resolve("out/signatures");

        CliRunner.Result result = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                "--algorithm", "ecdsa-sha256", "--output-dir", out.toString(), a.toString(), b.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(listing(out)).containsExactlyInAnyOrder("a.txt.sig", "b.bin.sig", "rel.pub.pem");
        assertThat(verifies(readPem(out.resolve("rel.pub.pem")), b, out.resolve("b.bin.sig"))).isTrue();
        assertThat(server.requests("GET /api/v1/projects/app/profiles/rel")).as("explicit algorithm").isEmpty();
    }

    @Test
    void aRefusedRequestWritesNothingAndKeepsOldSignatures() throws Exception {
        server.on(SIGN, FakeServer.Reply.problem(400, "Bad digest", "digest 2 has the wrong length"));
        Files.writeString(dir.resolve("a.txt.sig"), "old");

        CliRunner.Result result = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                a.toString(), b.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).isEqualTo("inkan: Bad digest: digest 2 has the wrong length" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
        assertThat(listing(dir)).containsExactlyInAnyOrder("a.txt", "a.txt.sig", "b.bin");
        assertThat(Files.readString(dir.resolve("a.txt.sig"))).isEqualTo("old");
    }

    @Test
    void ed25519KeysAreRefusedWithAPointerToSignHash() {
        server.on("GET /api/v1/projects/app/keys/k1", FakeServer.Reply.json(200,
                        "{\"name\":\"k1\",\"algorithm\":\"ED25519\"}"))
                .on("GET /api/v1/projects/app/profiles/rel", FakeServer.Reply.json(200,
                        "{\"name\":\"rel\",\"key\":\"k1\",\"allowedAlgorithms\":[\"ED25519\"]}"));

        CliRunner.Result result = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                a.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Ed25519", "sign-hash --algorithm ED25519 --data");
        assertThat(server.requests(SIGN)).isEmpty();
    }

    @Test
    void unknownProfileIsNotFound() {
        CliRunner.Result result = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "nope",
                a.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).startsWith("inkan: Not Found");
    }

    @Test
    void missingInputsAndCollidingOutputsFailBeforeAnyRequest() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Path other = Files.writeString(dir.resolve("x/a.txt"), "same name");

        CliRunner.Result missing = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                a.toString(), dir.resolve("missing.bin").toString());
        CliRunner.Result colliding = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                "--output-dir", dir.resolve("out").toString(), a.toString(), other.toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no such file", "missing.bin");
        assertThat(colliding.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(colliding.err()).contains("same output");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void unreachableServerIsSix() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        cli.server("http://127.0.0.1:" + closedPort, "tok");

        CliRunner.Result result = cli.run("sign", "--format", "raw", "--project", "app", "--profile", "rel",
                "--algorithm", "ECDSA_SHA256", a.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).startsWith("inkan: connection failed: cannot reach");
        assertThat(dir.resolve("a.txt.sig")).doesNotExist();
    }

    private static PublicKey readPem(Path pem) throws Exception {
        String base64 = Files.readString(pem)
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean verifies(PublicKey key, Path file, Path signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(Files.readAllBytes(file));
        return verifier.verify(Files.readAllBytes(signature));
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
