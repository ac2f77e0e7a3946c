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

    @Test
    void aClientCertificateMayReplaceTheTokenButNeedsItsPassword() {
        URI server = URI.create("https://h");
        InkanClientConfig config = new InkanClientConfig(server, null, null, Path.of("me.p12"), "p4ssw0rd");
        assertThat(config.toString()).doesNotContain("p4ssw0rd").contains("me.p12");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InkanClientConfig(server, null, null, null, null))
                .withMessageContaining("token or a client certificate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new InkanClientConfig(server, null, null, Path.of("me.p12"), null))
                .withMessageContaining("password");
    }

    @Test
    void anUnreadableClientCertificateIsAConfigurationError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path garbage = java.nio.file.Files.writeString(dir.resolve("me.p12"), "not pkcs12");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InkanClient.connect(
                        new InkanClientConfig(URI.create("https://h"), null, null, garbage, "pw")))
                .withMessageContaining("client certificate");
    }
}
