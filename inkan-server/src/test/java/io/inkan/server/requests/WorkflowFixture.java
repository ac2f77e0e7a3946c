package io.inkan.server.requests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testing.TotpCodes;
import io.inkan.server.testkit.TestClock;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server wired to a real SMTP server (GreenMail) and a real webhook receiver, with fast workflow
 * timers, plus the people of a workflow: a custodian and a signer token per project, and human
 * approvers signed in by client certificate (so they can hold a TOTP second factor) with email addresses.
 */
final class WorkflowFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    final WebhookReceiver webhooks = new WebhookReceiver();
    /** The server's clock: tests make requests and SADs lapse by advancing it. */
    final TestClock clock = new TestClock();
    private final Path dir;
    private final TestPki people = new TestPki("people-ca");
    private final Map<String, String> properties = new LinkedHashMap<>();
    TestServer server;
    Provisioning provisioning;
    AuditExpectations audit;
    ApiCaller admin;

    WorkflowFixture(Path dir) {
        this(dir, Map.of());
    }

    /** @param database e.g. a PostgreSQL database's properties; empty for the embedded H2 */
    WorkflowFixture(Path dir, Map<String, String> database) {
        this.dir = dir;
        mail.start();
        properties.putAll(database);
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", Integer.toString(mail.getSmtp().getPort()));
        properties.put("inkan.notifications.public-url", "https://inkan.example.com");
        properties.put("inkan.notifications.mail-from", "inkan@example.com");
        properties.put("inkan.notifications.delivery-interval", "500ms");
        properties.put("inkan.notifications.retry-delay", "200ms");
        properties.put("inkan.notifications.delivery-attempts", "3");
        properties.put("inkan.workflow.job-interval", "500ms");
        properties.put("inkan.workflow.max-wait", "10s");
        properties.putAll(TestServer.LOOPBACK_RECEIVERS);
        properties.put("inkan.mtls.trusted-cas[0]", people.writeCertificate(dir.resolve("people-ca.pem")).toString());
        properties.put("inkan.mtls.subject-field", "CN");
        start();
    }

    void start() {
        server = TestServer.start(dir.resolve("server"), properties, clock);
        provisioning = Provisioning.audited(server);
        audit = new AuditExpectations(server);
        admin = new ApiCaller(server, server.adminToken());
    }

    /** The current one-time password of a second factor, by the server's clock. */
    String totp(String base32Secret) {
        return TotpCodes.code(base32Secret, clock.instant());
    }

    /** Stops the server and starts it again on the same data directory. */
    void restart() {
        server.close();
        start();
    }

    /** A project with an EC P-256 key and profile {@code release}, and the given policy set by its custodian. */
    void project(String project, Map<String, Object> policy) {
        provisioning.project(project);
        provisioning.keyAndProfile(project, "release", KeyAlgorithm.EC_P256, "software");
        setPolicy(project, policy);
    }

    JsonNode setPolicy(String project, Map<String, Object> policy) {
        return audit.expectOne(() -> provisioning.custodian(project).put("/api/v1/projects/" + project
                        + "/profiles/release/policy", policy), 200, AuditAction.POLICY_SET.value(), "SUCCESS", project,
                "custodian-" + project).response().json();
    }

    /** A human principal {@code name} with the given project roles, an email address and a client certificate. */
    ApiCaller person(String name, String project, String... roles) {
        audit.expectOne(() -> admin.post("/api/v1/principals", Map.of("name", name, "kind", "human")), 201,
                AuditAction.PRINCIPAL_CREATE.value(), "SUCCESS", null, "bootstrap-admin");
        for (String role : roles) {
            audit.expectOne(() -> admin.post("/api/v1/principals/" + name + "/roles",
                    Map.of("role", role, "project", project)), 200, AuditAction.ROLE_BIND.value(), "SUCCESS", project, "bootstrap-admin");
        }
        audit.expectOne(() -> admin.put("/api/v1/principals/" + name + "/email", Map.of("email", name + "@example.com")),
                204, AuditAction.PRINCIPAL_EMAIL.value(), "SUCCESS", null, "bootstrap-admin");
        Path p12 = dir.resolve(name + ".p12");
        people.issue(name, p12);
        return ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
    }

    /** Certificates survive a restart, but callers hold the old server's port: make a new one. */
    ApiCaller personAgain(String name) {
        return ApiCaller.withClientCertificate(server, dir.resolve(name + ".p12"), TestPki.PASSWORD, false);
    }

    /** Emails received so far addressed to {@code address}, waiting until at least {@code count} arrived. */
    List<MimeMessage> mailTo(String address, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<MimeMessage> received = Arrays.stream(mail.getReceivedMessages())
                    .filter(m -> recipient(m).equals(address)).toList();
            if (received.size() >= count) {
                return received;
            }
            assertThat(System.nanoTime()).as("%d email(s) to %s within %s", count, address, WAIT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        mail.stop();
        webhooks.close();
    }
}
