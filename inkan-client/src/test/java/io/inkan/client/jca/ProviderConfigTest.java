package io.inkan.client.jca;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderConfigTest {

    @Test
    void inlineSettingsWinOverTheEnvironment() {
        ProviderConfig config = ProviderConfig.parse("--server=https://sign.example:8443,ca=/etc/ca.pem,project=app",
                Map.of("INKAN_SERVER", "https://other", "INKAN_TOKEN", "ink_x"));

        assertThat(config.server()).isEqualTo("https://sign.example:8443");
        assertThat(config.ca()).isEqualTo(Path.of("/etc/ca.pem"));
        assertThat(config.project()).isEqualTo("app");
        assertThat(config.clientConfig(Map.of("INKAN_TOKEN", "ink_x")).token()).isEqualTo("ink_x");
    }

    @Test
    void propertiesFileAndTokenFromANamedVariable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("inkan.properties"), "server=https://sign:8443\ntoken-env=CI_SIGNING\n");

        ProviderConfig config = ProviderConfig.parse(file.toString(), Map.of());

        assertThat(config.clientConfig(Map.of("CI_SIGNING", " ink_ci \n")).token()).isEqualTo("ink_ci");
    }

    @Test
    void environmentAloneIsEnough(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("t"), "ink_file\n");
        Map<String, String> env = Map.of("INKAN_SERVER", "https://sign:8443", "INKAN_TOKEN_FILE", token.toString());

        assertThat(ProviderConfig.parse(null, env).clientConfig(env).token()).isEqualTo("ink_file");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ProviderConfig.parse("--server=https://x,token=ink_secret", Map.of()))
                .hasMessageContaining("unknown Inkan provider setting 'token'");
        assertThatThrownBy(() -> ProviderConfig.parse(null, Map.of()).clientConfig(Map.of()))
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> ProviderConfig.parse("--server=https://x", Map.of()).clientConfig(Map.of()))
                .hasMessageContaining("INKAN_TOKEN");
    }
}
