package io.inkan.server.sam;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testing.TotpCodes;
import io.inkan.server.testkit.ProfileApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;

/**
 * The renewal fork of issue 15 on one node (H2): fifty concurrent sign requests with one SAD, half of
 * them renewing it, sign each of its digests at most once, and the renewed SAD exists at most once, so
 * that the digest count and the signature count agree, also for a level-2 SAD bought with one TOTP code.
 * The same race across two nodes is in {@link TwoNodeSadTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalForkTest {

    private static final String PROJECT = "fork";
    private static final int ROUNDS = 3;

    private TestServer server;
    private RenewalRace levelOne;
    private ApiCaller person;

    @BeforeAll
    void start(@TempDir Path dir) {
        TestPki people = new TestPki("fork-people");
        server = TestServer.start(dir.resolve("server"), Map.of(
                "inkan.mtls.trusted-cas[0]", people.writeCertificate(dir.resolve("people.pem")).toString(),
                "inkan.mtls.subject-field", "CN"));
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        provisioning.keyAndProfile(PROJECT, "release", KeyAlgorithm.EC_P256, "software");
        expect(provisioning.custodian(PROJECT).post("/api/v1/projects/" + PROJECT + "/profiles",
                Map.of("name", "strict", "key", "release", "authorizationLevel", 2)), 201);
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        levelOne = new RenewalRace(List.of(ProfileApi.of(admin.as(provisioning.signerToken(PROJECT)), PROJECT,
                "release")));
        expect(admin.post("/api/v1/principals", Map.of("name", "fork-signer", "kind", "human")), 201);
        expect(admin.post("/api/v1/principals/fork-signer/roles", Map.of("role", "signer", "project", PROJECT)), 200);
        Path p12 = dir.resolve("fork-signer.p12");
        people.issue("fork-signer", p12);
        person = ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void renewalForkFiftyRequestsMixingRenewAndPlainUseSignEachDigestOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            levelOne.round();
        }
    }

    @Test
    void renewalForkALevelTwoSadBoughtWithOneCodeSignsEachDigestOnce() throws Exception {
        String secret = expect(person.post("/api/v1/totp/enrolment", Map.of()), 201).json().get("secret").asString();
        new RenewalRace(List.of(ProfileApi.of(person, PROJECT, "strict")))
                .round(TotpCodes.code(secret, Instant.now()));
    }
}
