package io.inkan.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InkanClientConfigTest {

    @Test
    void acceptsHttpsAndLoopbackHttp() {
        new InkanClientConfig(URI.create("https://signing.example:8443"), "t0k", null);
        new InkanClientConfig(URI.create("http://127.0.0.1:8080"), "t0k", null);
        new InkanClientConfig(URI.create("http://localhost:8080"), "t0k", null);
        new InkanClientConfig(URI.create("http://[::1]:8080"), "t0k", null);
    }

    @Test
    void refusesPlainHttpToOtherHosts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InkanClientConfig(URI.create("http://192.0.2.7:8080"), "t0k", null))
                .withMessageContaining("loopback");
    }

    @Test
    void refusesOtherSchemesAndMissingHosts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InkanClientConfig(URI.create("ftp://127.0.0.1"), "t0k", null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InkanClientConfig(URI.create("https:///path"), "t0k", null));
    }

    @Test
    void refusesTokensThatCannotBeAHeaderWithoutEchoingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InkanClientConfig(URI.create("https://h"), "secret\r\nX: y", null))
                .withMessageNotContaining("secret");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InkanClientConfig(URI.create("https://h"), "", null));
    }

    @Test
    void toStringHidesTheToken() {
        InkanClientConfig config = new InkanClientConfig(URI.create("https://h"), "s3cr3t", Path.of("ca.pem"));

        assertThat(config.toString()).doesNotContain("s3cr3t").contains("https://h", "ca.pem");
    }
}
