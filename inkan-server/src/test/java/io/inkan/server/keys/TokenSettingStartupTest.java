package io.inkan.server.keys;

import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server whose HSM PIN is missing fails to start with a report that names the setting to fix first,
 * not with a line that begins with whichever filter first needed the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenSettingStartupTest {

    @Test
    void aMissingPinIsReportedByTheSettingToFix(@TempDir Path dir, CapturedOutput output) {
        SoftHsmFixture hsm = SoftHsmFixture.shared();

        assertThatThrownBy(() -> TestServer.start(dir, Map.of(
                "inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", hsm.label(),
                "inkan.tokens.pkcs11[0].pin-env", "INKAN_TEST_PIN_THAT_IS_NOT_SET")));

        List<String> lines = output.getAll().lines().toList();
        int firstError = lines.indexOf(lines.stream().filter(line -> line.contains(" ERROR ")).findFirst().orElseThrow());
        List<String> report = lines.subList(firstError, lines.size()).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines.subList(0, firstError)).noneMatch(line -> line.contains(" WARN ") && line.contains("hsm"));
        assertThat(report.get(0)).contains("LoggingFailureAnalysisReporter");
        assertThat(report.get(2)).isEqualTo("APPLICATION FAILED TO START");
        assertThat(report.get(4)).isEqualTo("Description:");
        assertThat(report.get(5)).isEqualTo("inkan.tokens.pkcs11[].pin-env: environment variable "
                + "INKAN_TEST_PIN_THAT_IS_NOT_SET holding the PIN of token 'hsm' is not set");
        assertThat(report.get(6)).isEqualTo("Action:");
        assertThat(report.get(7)).startsWith("Set INKAN_TEST_PIN_THAT_IS_NOT_SET to the token's user PIN");
        assertThat(output.getAll()).doesNotContain("requestSizeLimitFilter");
    }
}
