package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.core.api.SignHashRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class SignHashCommandTest {

    private static final JsonMapper JSON = InkanJson.newMapper();
    private static final String SIGN = "POST /api/v1/projects/app/profiles/rel/sign";

    @TempDir
    Path home;

    private FakeServer server;
    private CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer().on(SIGN, FakeServer.Reply.json(200,
                "{\"signatures\":[\"c2lnLTE=\",\"c2lnLTI=\"],\"publicKey\":\"cGs=\"}"));
        cli = new CliRunner(home).server(server.url(), "tok");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void acceptsHexAndBase64DigestsAndPrintsOneSignaturePerLine() {
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        second[0] = (byte) 0xfe;

        CliRunner.Result result = cli.run("sign-hash", "--project", "app", "--profile", "rel",
                "--algorithm", "ECDSA_SHA256", "--digest", HexFormat.of().formatHex(first),
                "--digest", Base64.getUrlEncoder().withoutPadding().encodeToString(second));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly("c2lnLTE=", "c2lnLTI=");
        SignHashRequest sent = JSON.readValue(server.requests(SIGN).get(0).body(), SignHashRequest.class);
        assertThat(sent.items()).extracting(SignHashRequest.Item::digest).containsExactly(
                Base64.getEncoder().encodeToString(first), Base64.getEncoder().encodeToString(second));
        assertThat(sent.items()).extracting(SignHashRequest.Item::data).containsOnlyNulls();
    }

    @Test
    void pureEd25519SendsTheDataItself() {
        server.on(SIGN, FakeServer.Reply.json(200, "{\"signatures\":[\"c2ln\"],\"publicKey\":\"cGs=\"}"));

        CliRunner.Result result = cli.run("sign-hash", "--project", "app", "--profile", "rel",
                "--algorithm", "ed25519", "--data", "aGVsbG8=");

        assertThat(result.exitCode()).as(result.err()).isZero();
        SignHashRequest sent = JSON.readValue(server.requests(SIGN).get(0).body(), SignHashRequest.class);
        assertThat(sent.algorithm()).isEqualTo("ED25519");
        assertThat(sent.items()).extracting(SignHashRequest.Item::data).containsExactly("aGVsbG8=");
    }

    @Test
    void refusalsFromTheServerAreFive() {
        server.on(SIGN, FakeServer.Reply.problem(413, "Content Too Large", "at most 1000 items per batch"));

        CliRunner.Result result = cli.run("sign-hash", "--project", "app", "--profile", "rel",
                "--algorithm", "ECDSA_SHA256", "--digest", "00");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("inkan: Content Too Large: at most 1000 items per batch");
    }
}
