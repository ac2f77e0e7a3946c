package io.inkan.server.web;

import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding O4-7: the server offered CBC suites and let the client choose. sslscan (an outside view of
 * every protocol and suite) must find TLS 1.2 and 1.3 only, AEAD suites only, and openssl must get the
 * server's first choice whatever order it asks in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsPolicyTest {

    TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void sslscanFindsNoCbcSuiteAndNothingBelowTls12() {
        Path sslscan = ExternalTools.require("sslscan");
        ExternalTools.Result scan = ExternalTools.run(List.of(sslscan.toString(), "--no-colour",
                "127.0.0.1:" + server.port()));
        assertThat(scan.exitCode()).as(scan.output()).isZero();
        List<String> accepted = scan.output().lines().map(String::trim)
                .filter(line -> line.startsWith("Accepted") || line.startsWith("Preferred")).toList();
        assertThat(accepted).as(scan.output()).isNotEmpty().allSatisfy(line -> {
            assertThat(line.split("\\s+")[1]).isIn("TLSv1.2", "TLSv1.3");
            assertThat(line).containsAnyOf("GCM", "CHACHA20");
            assertThat(line).doesNotContain("CBC");
        });
        assertThat(accepted).anySatisfy(line -> assertThat(line).contains("TLSv1.3"));
        assertThat(accepted).anySatisfy(line -> assertThat(line).contains("TLSv1.2", "ECDHE"));
        for (String old : List.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")) {
            assertThat(scan.output()).as(scan.output()).containsPattern(old.replace(".", "\\.") + "\\s+disabled");
        }
    }

    @Test
    void serverCipherPreferenceWins() {
        Path openssl = ExternalTools.require("openssl");
        ExternalTools.Result handshake = ExternalTools.run(List.of(openssl.toString(), "s_client", "-brief",
                "-connect", "127.0.0.1:" + server.port(), "-tls1_2",
                "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384"));
        assertThat(handshake.output()).as(handshake.output()).contains("ECDHE-ECDSA-AES256-GCM-SHA384")
                .doesNotContain("ECDHE-ECDSA-AES128-GCM-SHA256");
    }
}
