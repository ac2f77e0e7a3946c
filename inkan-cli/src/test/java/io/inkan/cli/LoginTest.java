package io.inkan.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** login, logout and how commands find their server and token. */
class LoginTest {

    private static final String TOKEN = "ink_s3cret-token";

    @TempDir
    Path home;

    private FakeServer server;
    private CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer()
                .on("GET /api/v1/whoami", r -> ("Bearer " + TOKEN).equals(r.authorization())
                        ? FakeServer.Reply.json(200, "{\"name\":\"release-ci\",\"kind\":\"token\",\"roles\":[\"app:signer\"],\"certificates\":[]}")
                        : FakeServer.Reply.problem(401, "Unauthorized", "invalid token"))
                .on("GET /api/v1/projects", FakeServer.Reply.json(200, "[]"));
        cli = new CliRunner(home);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginChecksTheTokenAndSavesItPrivately() throws IOException {
        cli.stdin = TOKEN + "\n";

        CliRunner.Result result = cli.run("login", "--server", server.url(), "--token-stdin");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("release-ci", "signer of project app").doesNotContain(TOKEN);
        assertThat(result.err()).doesNotContain(TOKEN);
        Path config = cli.configFile();
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(config.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(ConfigFile.read(config)).isEqualTo(new CliConfig(server.url(), TOKEN, null));
        try (var siblings = Files.list(config.getParent())) {
            assertThat(siblings).containsExactly(config);
        }
    }

    @Test
    void savedLoginIsUsedByLaterCommands() {
        cli.stdin = TOKEN;
        cli.run("login", "--server", server.url(), "--token-stdin");

        assertThat(cli.run("projects", "list").exitCode()).isZero();
        assertThat(server.requests("GET /api/v1/projects").get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void tokenFileAndCaPathAreRemembered() throws Exception {
        Path tokenFile = Files.writeString(home.resolve("token"), TOKEN + "\n");
        Path ca = selfSignedCertificatePem();

        CliRunner.Result result = cli.run("login", "--server", server.url(), "--token-file", tokenFile.toString(),
                "--ca", ca.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(ConfigFile.read(cli.configFile()).ca()).isEqualTo(ca.toAbsolutePath().toString());
    }

    /** Any valid certificate will do: it is parsed, but plain http never uses it. */
    private Path selfSignedCertificatePem() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path store = home.resolve("ca.p12");
        Path pem = home.resolve("ca.pem");
        for (List<String> command : List.of(
                List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=test",
                        "-keystore", store.toString(), "-storepass", "changeit"),
                List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-file", pem.toString(),
                        "-keystore", store.toString(), "-storepass", "changeit"))) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(output).isZero();
        }
        return pem;
    }

    @Test
    void aRejectedTokenIsNotSaved() {
        cli.stdin = "wrong";

        CliRunner.Result result = cli.run("login", "--server", server.url(), "--token-stdin");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(result.err()).isEqualTo("inkan: Unauthorized: invalid token" + System.lineSeparator());
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void logoutForgetsOnlyTheToken() throws IOException {
        ConfigFile.write(cli.configFile(), new CliConfig(server.url(), TOKEN, "/etc/inkan/ca.pem"));

        assertThat(cli.run("logout").exitCode()).isZero();

        assertThat(ConfigFile.read(cli.configFile())).isEqualTo(new CliConfig(server.url(), null, "/etc/inkan/ca.pem"));
        assertThat(Files.getPosixFilePermissions(cli.configFile()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        CliRunner.Result after = cli.run("projects", "list");
        assertThat(after.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(after.err()).startsWith("inkan: not logged in");
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        ConfigFile.write(cli.configFile(), new CliConfig("http://127.0.0.1:9", "old-token", null));
        cli.env.put("INKAN_SERVER", server.url());
        cli.env.put("INKAN_TOKEN", TOKEN);

        assertThat(cli.run("projects", "list").exitCode()).isZero();
        assertThat(server.requests("GET /api/v1/projects").get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void environmentAloneIsEnoughWithoutAConfigFile() {
        cli.server(server.url(), TOKEN);

        assertThat(cli.run("projects", "list").exitCode()).isZero();
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void plainHttpToANonLoopbackHostIsRefusedBeforeSendingTheToken() {
        CliRunner.Result result = cli.server("http://192.0.2.1:8080", TOKEN).run("projects", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("invalid configuration", "loopback").doesNotContain(TOKEN);
    }

    @Test
    void defaultConfigLocationIsUnderTheHomeDirectory() {
        CliEnvironment environment = new CliEnvironment(Map.of(), home, System.in);

        assertThat(environment.configFile()).isEqualTo(home.resolve(".config/inkan/config.json"));
    }
}
