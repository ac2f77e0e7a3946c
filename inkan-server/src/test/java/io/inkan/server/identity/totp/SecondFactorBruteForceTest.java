package io.inkan.server.identity.totp;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.People;
import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testing.TotpCodes;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second-factor brute force (issue 15): 60 wrong TOTP codes at speed were followed by an accepted right
 * one. Now five wrong codes in a row lock the second factor (429 with Retry-After) across all nodes, the
 * lock is recorded once, mailed to the administrators and the project's custodians and queued for the
 * project's webhooks, an administrator unlocks it, and concurrent attempts never get more codes checked
 * than the limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondFactorBruteForceTest {

    private static final int LIMIT = 5;
    private static final String VERIFY = "/api/v1/totp/verify";

    private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private TestServer server;
    private ApiCaller admin;
    private People people;
    private TestPki pki;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        mail.start();
        pki = new TestPki("people-ca");
        server = TestServer.start(dir.resolve("server"), settings(Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", Integer.toString(mail.getSmtp().getPort()),
                "inkan.notifications.delivery-interval", "200ms")));
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = new Provisioning(admin);
        provisioning.project("app");
        provisioning.keyAndProfile("app", "ec", KeyAlgorithm.EC_P256, "software");
        expect(provisioning.custodian("app").post("/api/v1/projects/app/profiles",
                Map.of("name", "level-two", "key", "ec", "authorizationLevel", 2)), 201);
        people = new People(server, admin, pki, dir);
        ApiCaller carl = people.person("carl", "app", "custodian");
        expect(carl.post("/api/v1/projects/app/webhooks", Map.of("url", "https://hooks.example.com/inkan")), 201);
        expect(admin.put("/api/v1/principals/carl/email", Map.of("email", "carl@example.com")), 204);
        expect(admin.put("/api/v1/principals/bootstrap-admin/email", Map.of("email", "root@example.com")), 204);
    }

    @AfterAll
    void stop() {
        server.close();
        mail.stop();
    }

    @Test
    void secondFactorBruteForce() throws Exception {
        ApiCaller alice = people.person("alice", "app", "signer");
        String secret = enrol(alice);
        String right = TotpCodes.code(secret, Instant.now());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ApiCaller.Response response = alice.post(VERIFY, Map.of("code", wrongCode(right, i)));
            statuses.add(response.status());
            if (response.status() == 429) {
                assertThat(response.problemType()).isEqualTo("second-factor-locked");
                assertThat(Long.parseLong(response.retryAfter())).isBetween(1L, 60L);
            }
        }
        assertThat(statuses.subList(0, LIMIT)).containsOnly(403);
        assertThat(statuses.subList(LIMIT, 60)).containsOnly(429);
        ApiCaller.Response rightCode = alice.post(VERIFY, Map.of("code", right));
        assertThat(rightCode.status()).as("the right code after the lock").isEqualTo(429);
        assertThat(locksOf("alice")).hasSize(1);

        assertThat(alarmsAbout("alice", 2)).containsExactlyInAnyOrder("root@example.com", "carl@example.com");
        List<String> webhookCalls = server.bean(JdbcClient.class).sql("""
                        SELECT payload FROM notification_outbox
                        WHERE event = 'second-factor.locked' AND channel = 'WEBHOOK' AND project = 'app'""")
                .query(String.class).list().stream().filter(payload -> payload.contains("\"principal\":\"alice\"")).toList();
        assertThat(webhookCalls).hasSize(1);
        assertThat(webhookCalls.get(0)).contains("\"failures\":" + LIMIT).doesNotContain(right);

        ApiCaller adminByCertificate = ApiCaller.withClientCertificate(server, server.adminCertificate(),
                server.adminCertificatePassword(), false);
        expect(adminByCertificate.post("/api/v1/principals/alice/totp/unlock", Map.of()), 204);
        assertThat(server.bean(AuditLog.class).recent(1).get(0).action()).isEqualTo("totp.unlock");
        String fresh = TotpCodes.code(secret, Instant.now());
        expect(alice.post(VERIFY, Map.of("code", fresh)), 204);
        assertThat(alice.post(VERIFY, Map.of("code", fresh)).status()).as("a used code is refused").isEqualTo(403);
        assertThat(adminByCertificate.post("/api/v1/principals/bootstrap-admin/totp/unlock", Map.of()).status())
                .as("nobody unlocks their own second factor").isEqualTo(403);
    }

    /** N concurrent wrong codes: exactly the limit of them is checked, every other one meets the lock. */
    @Test
    void concurrentWrongCodesCannotExceedTheLimit() throws Exception {
        ApiCaller bob = people.person("bob", "app", "signer");
        String secret = enrol(bob);
        String right = TotpCodes.code(secret, Instant.now());
        Map<Integer, Integer> wrong = race(50, i -> bob.post(VERIFY, Map.of("code", wrongCode(right, i))));
        assertThat(wrong).containsExactlyInAnyOrderEntriesOf(Map.of(403, LIMIT, 429, 50 - LIMIT));
        assertThat(locksOf("bob")).hasSize(1);

        expect(admin.post("/api/v1/principals/bob/totp/unlock", Map.of()), 204);
        for (int i = 0; i < LIMIT; i++) {
            assertThat(bob.post(VERIFY, Map.of("code", wrongCode(right, i))).status()).isEqualTo(403);
        }
        ApiCaller.Response secondLock = bob.post(VERIFY, Map.of("code", right));
        assertThat(secondLock.status()).isEqualTo(429);
        assertThat(Long.parseLong(secondLock.retryAfter())).as("the second lock lasts twice as long").isBetween(61L, 120L);

        expect(admin.post("/api/v1/principals/bob/totp/unlock", Map.of()), 204);
        String fresh = TotpCodes.code(secret, Instant.now());
        Map<Integer, Integer> sameRightCode = race(20, i -> bob.post(VERIFY, Map.of("code", fresh)));
        assertThat(sameRightCode.get(204)).as("one code, accepted once").isEqualTo(1);
        assertThat(sameRightCode.keySet()).isSubsetOf(204, 403, 429);
    }

    /**
     * The limit inside the transaction of a level-2 authorization: counting there must not take a second
     * connection from the pool the transactions hold, or 40 concurrent attempts exhaust it (500s after 30 s).
     */
    @Test
    void concurrentLevelTwoAuthorizationsMeetTheLimitWithoutExhaustingTheConnectionPool() throws Exception {
        ApiCaller erin = people.person("erin", "app", "signer");
        String right = TotpCodes.code(enrol(erin), Instant.now());
        long start = System.nanoTime();
        Map<Integer, Integer> statuses = race(40, i -> erin.post("/api/v1/projects/app/profiles/level-two/authorize",
                Map.of("algorithm", "ECDSA_SHA256", "digests", List.of("LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564="),
                        "otp", wrongCode(right, i))));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(403, LIMIT, 429, 40 - LIMIT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
        assertThat(locksOf("erin")).hasSize(1);
    }

    /** The same limit on two nodes sharing PostgreSQL: the count lives in the database, not in a node. */
    @Test
    void twoNodesShareOneLimit(@TempDir Path first, @TempDir Path second) throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> shared = new HashMap<>(database.properties());
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            shared.put("inkan.software-token.master-key", Base64.getEncoder().encodeToString(masterKey));
            try (TestServer nodeA = TestServer.start(first, settings(shared));
                 TestServer nodeB = TestServer.start(second, settings(shared))) {
                ApiCaller adminA = new ApiCaller(nodeA, nodeA.adminToken());
                new Provisioning(adminA).project("app");
                ApiCaller onA = new People(nodeA, adminA, pki, first).person("dora", "app", "signer");
                ApiCaller onB = ApiCaller.withClientCertificate(nodeB, first.resolve("dora.p12"), TestPki.PASSWORD, false);
                String right = TotpCodes.code(enrol(onA), Instant.now());
                Map<Integer, Integer> wrong = race(40, i -> (i % 2 == 0 ? onA : onB)
                        .post(VERIFY, Map.of("code", wrongCode(right, i))));
                assertThat(wrong).containsExactlyInAnyOrderEntriesOf(Map.of(403, LIMIT, 429, 40 - LIMIT));
                assertThat(onB.post(VERIFY, Map.of("code", right)).status()).isEqualTo(429);
                assertThat(nodeA.bean(AuditLog.class).recent(200).stream()
                        .filter(e -> e.action().equals("totp.lock")).count()).isEqualTo(1);
            }
        }
    }

    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("inkan.mtls.trusted-cas[0]", pki.writeCertificate(dir.resolve("people-ca.pem")).toString());
        settings.put("inkan.throttling.second-factor-failures", Integer.toString(LIMIT));
        settings.put("inkan.throttling.second-factor-lock", "1m");
        return settings;
    }

    private static String enrol(ApiCaller person) {
        return expect(person.post("/api/v1/totp/enrolment", Map.of()), 201).json().get("secret").asString();
    }

    /** The i-th of a series of distinct wrong codes. */
    private static String wrongCode(String right, int i) {
        return String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000);
    }

    private List<AuditEntry> locksOf(String name) {
        return server.bean(AuditLog.class).recent(500).stream()
                .filter(e -> e.action().equals("totp.lock") && e.principal().contains(name)).toList();
    }

    /** Recipients of the lock alarms about {@code name}, waiting up to 20 s for {@code count} of them. */
    private List<String> alarmsAbout(String name, int count) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> recipients = new ArrayList<>();
        while (recipients.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            recipients.clear();
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getSubject().contains("second factor of '" + name + "' locked")) {
                    recipients.add(message.getAllRecipients()[0].toString());
                }
            }
        }
        return recipients;
    }

    /** Runs {@code n} calls at once; returns how many answered each status. */
    private static Map<Integer, Integer> race(int n, Function<Integer, ApiCaller.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ApiCaller.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            Map<Integer, Integer> statuses = new HashMap<>();
            for (Future<ApiCaller.Response> future : futures) {
                statuses.merge(future.get().status(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
