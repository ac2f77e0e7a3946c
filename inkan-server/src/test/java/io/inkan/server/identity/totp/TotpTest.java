package io.inkan.server.identity.totp;

import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testing.TotpCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/** The TOTP second factor (A6) of a human principal signed in by client certificate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TotpTest {

    private TestServer server;
    private ApiCaller person;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = TestServer.start(dir);
        person = ApiCaller.withClientCertificate(server, server.adminCertificate(), server.adminCertificatePassword(), false);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void enrolVerifyAndRefuseReplays() throws Exception {
        var enrolment = expect(person.post("/api/v1/totp/enrolment", Map.of()), 201).json();
        String secret = enrolment.get("secret").asString();
        assertThat(enrolment.get("otpauthUri").asString()).startsWith("otpauth://totp/Inkan%3Abootstrap-admin?secret=" + secret);
        assertThat(person.post("/api/v1/totp/enrolment", Map.of()).status()).as("no silent re-enrolment").isEqualTo(409);

        byte[] raw = TotpCodes.decode(secret);
        byte[] stored = server.bean(JdbcClient.class).sql("SELECT secret_wrapped FROM totp_enrolments")
                .query((rs, row) -> rs.getBytes(1)).single();
        assertThat(indexOf(stored, raw)).as("secret not stored in clear").isEqualTo(-1);

        String code = TotpCodes.code(secret, Instant.now());
        String wrong = TotpCodes.wrong(code);
        refused(person.post("/api/v1/totp/verify", Map.of("code", wrong)));
        expect(person.post("/api/v1/totp/verify", Map.of("code", code)), 204);
        refused(person.post("/api/v1/totp/verify", Map.of("code", code)));
        refused(person.post("/api/v1/totp/verify", Map.of("code", "12345")));

        var event = server.bean(AuditLog.class).recent(1).get(0);
        assertThat(event.action()).isEqualTo("totp.verify");
        assertThat(event.outcome()).isNotEqualTo("SUCCESS");
        assertThat(event.principal()).contains("bootstrap-admin");

        expect(person.delete("/api/v1/principals/bootstrap-admin/totp"), 204);
        assertThat(person.post("/api/v1/totp/verify", Map.of("code", code)).status()).as("no enrolment left").isEqualTo(409);
        expect(person.post("/api/v1/totp/enrolment", Map.of()), 201);
    }

    @Test
    void tokensHaveNoSecondFactor() {
        ApiCaller token = new ApiCaller(server, server.adminToken());
        assertThat(token.post("/api/v1/totp/enrolment", Map.of()).status()).isEqualTo(403);
    }

    private static void refused(ApiCaller.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.problemType()).isIn("second-factor-refused");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
