package io.inkan.cli;

import io.inkan.client.InkanJson;
import io.inkan.core.api.ActivationPolicyRequest;
import io.inkan.core.api.AuthorityRequest;
import io.inkan.core.api.IssueCertificateRequest;
import io.inkan.core.api.RevokeCertificateRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The requests of the CA ceremony commands and how their answers are shown. */
class CaCommandsTest {

    private static final JsonMapper JSON = InkanJson.newMapper();
    private static final String ACTIVATION = "{\"project\":\"pki\",\"key\":\"root-key\",\"state\":\"pending\",\"required\":2,"
            + "\"custodians\":[\"alice\",\"bob\",\"carol\"],\"window\":\"PT30M\",\"maxUses\":3,\"approvedBy\":[\"alice\"],"
            + "\"expiresAt\":\"2026-11-23T12:30:00Z\"}";
    private static final String AUTHORITY = "{\"name\":\"root\",\"key\":\"root-key\",\"subject\":\"CN=Root\","
            + "\"certificateChain\":[\"MAA=\"],\"crlUrl\":\"http://pki.example/crl/root.crl\",\"notAfter\":\"2056-11-23T12:00:00Z\"}";
    private static final String KEY = "{\"project\":\"app\",\"name\":\"rel\",\"algorithm\":\"EC_P256\",\"state\":\"ACTIVE\","
            + "\"certificateChain\":[\"MAA=\",\"MAE=\",\"MAI=\"]}";

    @TempDir
    Path home;

    private FakeServer server;
    private CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer()
                .on("POST /api/v1/projects/pki/keys/root-key/activation-policy", FakeServer.Reply.json(200, ACTIVATION))
                .on("POST /api/v1/projects/pki/keys/root-key/activations", FakeServer.Reply.json(200, ACTIVATION))
                .on("POST /api/v1/ca/authorities", FakeServer.Reply.json(201, AUTHORITY))
                .on("GET /api/v1/ca/authorities/root", FakeServer.Reply.json(200, AUTHORITY))
                .on("POST /api/v1/projects/app/keys/rel/certificate/issue", FakeServer.Reply.json(200, KEY))
                .on("POST /api/v1/projects/app/keys/rel/certificate/revoke", FakeServer.Reply.json(200, KEY));
        cli = new CliRunner(home).server(server.url(), "custodian-token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ceremonyCommandsSendThePolicyTheApprovalAndTheAuthority() {
        CliRunner.Result policy = cli.run("keys", "activation-policy", "--project", "pki", "--key", "root-key",
                "--required", "2", "--custodian", "alice", "--custodian", "bob", "--custodian", "carol", "--max-uses", "3");
        assertThat(policy.exitCode()).as(policy.err()).isZero();
        assertThat(policy.out()).contains("pending").contains("2 of 3").contains("alice,bob,carol");
        assertThat(JSON.readValue(server.requests("POST /api/v1/projects/pki/keys/root-key/activation-policy").get(0)
                .body(), ActivationPolicyRequest.class))
                .isEqualTo(new ActivationPolicyRequest(2, List.of("alice", "bob", "carol"), "PT30M", 3));

        assertThat(cli.run("keys", "activate", "--project", "pki", "--key", "root-key").exitCode()).isZero();
        assertThat(server.requests("POST /api/v1/projects/pki/keys/root-key/activations")).hasSize(1);

        CliRunner.Result created = cli.run("ca", "create", "--name", "root", "--key", "root-key", "--subject", "CN=Root",
                "--validity-days", "10950");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("http://pki.example/crl/root.crl");
        assertThat(JSON.readValue(server.requests("POST /api/v1/ca/authorities").get(0).body(), AuthorityRequest.class))
                .isEqualTo(new AuthorityRequest("root", "root-key", null, "CN=Root", 10950));

        CliRunner.Result pem = cli.run("ca", "show", "root", "--pem");
        assertThat(pem.out()).isEqualTo("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n");
    }

    @Test
    void issueAndRevokeSendAuthorityValidityAndReason() {
        CliRunner.Result issued = cli.run("keys", "issue-cert", "--project", "app", "--key", "rel", "--authority", "issuing",
                "--validity-days", "9131");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        assertThat(issued.out()).contains("3 certificate(s)");
        assertThat(JSON.readValue(server.requests("POST /api/v1/projects/app/keys/rel/certificate/issue").get(0).body(),
                IssueCertificateRequest.class)).isEqualTo(new IssueCertificateRequest("issuing", 9131));

        assertThat(cli.run("keys", "revoke-cert", "--project", "app", "--key", "rel", "--reason", "keyCompromise")
                .exitCode()).isZero();
        assertThat(JSON.readValue(server.requests("POST /api/v1/projects/app/keys/rel/certificate/revoke").get(0).body(),
                RevokeCertificateRequest.class)).isEqualTo(new RevokeCertificateRequest("keyCompromise"));
    }
}
