package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.core.api.KeyRequest;
import io.inkan.core.api.ProfileRequest;
import io.inkan.core.api.TokenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin commands' requests and their two output forms. */
class AdminCommandsTest {

    private static final JsonMapper JSON = InkanJson.newMapper();
    private static final String TOKEN_VIEW = "{\"id\":\"t-7\",\"name\":\"ci\",\"role\":\"signer\",\"project\":\"app\","
            + "\"expiresAt\":\"2027-01-01T00:00:00Z\",\"secret\":\"ink_only_once\"}";

    @TempDir
    Path home;

    private FakeServer server;
    private CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer()
                .on("GET /api/v1/projects", FakeServer.Reply.json(200,
                        "[{\"name\":\"app\",\"description\":\"The app\",\"createdAt\":\"2026-05-01T10:00:00.123456Z\"},"
                                + "{\"name\":\"tools\",\"createdAt\":\"2026-05-02T10:00:00Z\"}]"))
                .on("POST /api/v1/tokens", FakeServer.Reply.json(201, TOKEN_VIEW))
                .on("POST /api/v1/projects/app/keys", FakeServer.Reply.json(201,
                        "{\"project\":\"app\",\"name\":\"k1\",\"algorithm\":\"EC_P256\",\"state\":\"ACTIVE\"}"))
                .on("POST /api/v1/projects/app/profiles", FakeServer.Reply.json(201,
                        "{\"project\":\"app\",\"name\":\"rel\",\"key\":\"k1\",\"allowedAlgorithms\":[\"ECDSA_SHA256\"]}"))
                .on("DELETE /api/v1/tokens/t-7", new FakeServer.Reply(204, "application/json", ""));
        cli = new CliRunner(home).server(server.url(), "admin-token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsAsATableByDefault() {
        CliRunner.Result result = cli.run("projects", "list");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "NAME   DESCRIPTION  CREATED",
                "app    The app      2026-05-01T10:00:00Z",
                "tools  -            2026-05-02T10:00:00Z");
    }

    @Test
    void listsAsApiJsonWithIsoInstants() {
        CliRunner.Result result = cli.run("projects", "list", "--json");

        JsonNode projects = JSON.readTree(result.out());
        assertThat(projects.size()).isEqualTo(2);
        assertThat(projects.get(0).get("createdAt").asString()).isEqualTo("2026-05-01T10:00:00.123456Z");
    }

    @Test
    void tokenCreatePrintsOnlyTheSecretOnStdout() {
        CliRunner.Result result = cli.run("tokens", "create", "--name", "ci", "--role", "signer", "--project", "app",
                "--expires-days", "90");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("ink_only_once" + System.lineSeparator());
        assertThat(result.err()).contains("t-7", "shown only once").doesNotContain("ink_only_once");
        TokenRequest sent = JSON.readValue(server.requests("POST /api/v1/tokens").get(0).body(), TokenRequest.class);
        assertThat(sent).isEqualTo(new TokenRequest("ci", "signer", "app", 90));
    }

    @Test
    void tokenCreateWithJsonPrintsTheWholeToken() {
        CliRunner.Result result = cli.run("tokens", "create", "--name", "ci", "--role", "signer", "--json");

        assertThat(JSON.readTree(result.out()).get("secret").asString()).isEqualTo("ink_only_once");
    }

    @Test
    void keyAndProfileCreationSendTheCanonicalNames() {
        assertThat(cli.run("keys", "create", "--project", "app", "--name", "k1", "--algorithm", "ec-p256").exitCode())
                .isZero();
        assertThat(cli.run("profiles", "create", "--project", "app", "--name", "rel", "--key", "k1",
                "--allow", "ecdsa-sha256").exitCode()).isZero();

        assertThat(JSON.readValue(server.requests("POST /api/v1/projects/app/keys").get(0).body(), KeyRequest.class))
                .isEqualTo(new KeyRequest("k1", "EC_P256", null));
        assertThat(JSON.readValue(server.requests("POST /api/v1/projects/app/profiles").get(0).body(),
                ProfileRequest.class)).isEqualTo(new ProfileRequest("rel", "k1", List.of("ECDSA_SHA256")));
    }

    @Test
    void revokeAndItsNotFoundCase() {
        assertThat(cli.run("tokens", "revoke", "t-7").out()).contains("Revoked token t-7");

        CliRunner.Result missing = cli.run("tokens", "revoke", "t-8");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
