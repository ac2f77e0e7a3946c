package io.inkan.server.tsa;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unset TSA settings get working defaults; nonsensical ones stop the server at start-up. */
class TsaSettingsTest {

    @Test
    void unsetValuesGetTheDocumentedDefaults() {
        TsaSettings settings = new TsaSettings(null, null, null, null, null, null);
        assertThat(settings.policyOid()).isEqualTo(TsaSettings.DEFAULT_POLICY);
        assertThat(settings.accuracy()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxQueryBytes()).isEqualTo(4096);
        assertThat(settings.relay().maxAttempts()).isEqualTo(4);
        assertThat(settings.relay().initialBackoff()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void nonsensicalValuesAreRefused() {
        assertThatThrownBy(() -> new TsaSettings(null, null, 0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-query-bytes");
        assertThatThrownBy(() -> new TsaSettings(null, Duration.ofSeconds(-1), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accuracy");
        assertThatThrownBy(() -> new TsaSettings.Relay(0, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new TsaSettings.Relay(null, null, Duration.ZERO, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
