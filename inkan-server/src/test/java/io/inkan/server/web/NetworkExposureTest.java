package io.inkan.server.web;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** Findings O4-4 and O4-5: what the public endpoints tell an anonymous caller about projects and keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkExposureTest {

    TestServer server;
    ApiCaller anonymous;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
        anonymous = new ApiCaller(server, null);
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project("secret-merger");
        provisioning.keyAndProfile("secret-merger", "acquisition-key", KeyAlgorithm.EC_P256, "software");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void prometheusListsNoProjectOrKeyName() {
        String metrics = expect(anonymous.get("/actuator/prometheus"), 200).body();
        assertThat(metrics).contains("inkan_certificate_expiry_days ")
                .doesNotContain("secret-merger", "acquisition-key");
    }

    @Test
    void publishedAnswersUnknownProjectAndUnknownProfileAlike() {
        String path = "/published/projects/%s/profiles/%s/certificates.pem";
        expect(anonymous.get(path.formatted("secret-merger", "acquisition-key")), 200);
        ApiCaller.Response unknownProject = expect(anonymous.get(path.formatted("no-such-project", "acquisition-key")), 404);
        ApiCaller.Response unknownProfile = expect(anonymous.get(path.formatted("secret-merger", "no-such-profile")), 404);
        assertThat(unknownProject.contentType()).isEqualTo(unknownProfile.contentType());
        for (String field : new String[]{"type", "title", "status", "detail"}) {
            assertThat(unknownProject.json().path(field).toString()).as(field)
                    .isEqualTo(unknownProfile.json().path(field).toString());
        }
        assertThat(unknownProject.json().path("detail").asString()).doesNotContain("no-such-project", "Project");
    }
}
