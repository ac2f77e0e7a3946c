package io.inkan.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan doctor} against a live server: a working setup passes every check, and each broken one
 * (nothing configured, server down, certificate not trusted, token refused) fails with the exit code of
 * that kind of failure and says what to fix.
 */
class DoctorCommandTest extends LiveServerTest {

    @Test
    void aWorkingSetupPassesEveryCheck() {
        CliRunner doctor = fixture.signer;
        doctor.env.put("PATH", System.getenv("PATH"));

        CliRunner.Result result = doctor.run("doctor");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("ok    server", "ok    tls", "ok    clock", "ok    credential",
                "accepted:", "app:signer", "verify jar");
        assertThat(result.out()).doesNotContain("FAIL");
    }

    @Test
    void nothingConfiguredSaysHowToConfigure() {
        CliRunner.Result result = new CliRunner(dir.resolve("blank-home")).run("doctor");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).contains("FAIL  server", "none configured", "fix: run 'inkan login --server URL ...' or set INKAN_SERVER");
    }

    @Test
    void anUntrustedCertificateNamesInkanCa() {
        CliRunner doctor = fixture.runner("untrusted", "inkan_whatever");
        doctor.env.remove("INKAN_CA");

        CliRunner.Result result = doctor.run("doctor");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.out()).contains("ok    server", "FAIL  tls", "not trusted", "fix: set INKAN_CA")
                .doesNotContain("credential");
    }

    @Test
    void aCaFileThatIsNotTheServersFails() throws Exception {
        CliRunner doctor = fixture.runner("other-ca", "inkan_whatever");
        Path other = Files.write(dir.resolve("other-ca.pem"), Files.readString(fixture.certificatePem("ec"))
                .getBytes(StandardCharsets.US_ASCII));
        doctor.env.put("INKAN_CA", other.toString());

        CliRunner.Result result = doctor.run("doctor");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.out()).contains("FAIL  tls", "check that " + other);
    }

    @Test
    void aRefusedTokenSaysToLogInAgain() {
        CliRunner.Result result = fixture.runner("refused", "inkan_not-a-real-token").run("doctor");

        assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.AUTH);
        assertThat(result.out()).contains("ok    tls", "FAIL  credential", "fix: run 'inkan login' again");
    }

    @Test
    void anUnreachableServerSaysSo() {
        CliRunner doctor = new CliRunner(dir.resolve("down-home")).server("https://127.0.0.1:1", "inkan_whatever");

        CliRunner.Result result = doctor.run("doctor");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.out()).contains("FAIL  server", "cannot reach https://127.0.0.1:1", "fix: check INKAN_SERVER");
    }
}
