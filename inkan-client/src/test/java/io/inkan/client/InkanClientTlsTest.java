package io.inkan.client;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.inkan.core.api.PrincipalView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Trust pinning against a real TLS server with a self-signed certificate, like the one Inkan generates. */
class InkanClientTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private HttpsServer server;

    @BeforeEach
    void start() throws Exception {
        Path keyStore = selfSigned("server", "san=ip:127.0.0.1");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "{\"name\":\"ci\",\"kind\":\"token\",\"roles\":[\"app:signer\"],\"certificates\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void trustsTheGivenCertificate() throws Exception {
        InkanClient client = client(certificatePem("server"));

        assertThat(client.whoami()).isEqualTo(new PrincipalView("ci", "token", List.of("app:signer"), List.of()));
    }

    @Test
    void anyOtherCertificateFailsAsAConnectionProblem() throws Exception {
        selfSigned("other", "san=ip:127.0.0.1");

        assertThatExceptionOfType(InkanConnectionException.class)
                .isThrownBy(() -> client(certificatePem("other")).whoami())
                .withMessageContaining("cannot reach")
                .withCauseInstanceOf(SSLHandshakeException.class);
    }

    private InkanClient client(Path ca) {
        URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        return InkanClient.connect(new InkanClientConfig(base, "tok", ca));
    }

    private static Path selfSigned(String alias, String san) throws Exception {
        Path keyStore = dir.resolve(alias + ".p12");
        if (!Files.exists(keyStore)) {
            keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + alias, "-ext", san, "-validity", "2",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD));
        }
        return keyStore;
    }

    private static Path certificatePem(String alias) throws Exception {
        Path pem = dir.resolve(alias + ".pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-file", pem.toString(),
                "-keystore", dir.resolve(alias + ".p12").toString(), "-storepass", new String(PASSWORD));
        return pem;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
