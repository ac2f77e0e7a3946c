package io.inkan.server.testing;

import io.inkan.server.InkanServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Inkan server on a random HTTPS port, with its own data directory, for tests and benchmarks.
 * Starting it twice on the same directory is a restart: the database, master key, TLS certificate and
 * bootstrap token survive.
 */
public final class TestServer implements AutoCloseable {

    /**
     * For tests whose webhook receivers and external TSAs listen on loopback, which outbound calls may
     * not reach by default ({@code inkan.outbound.allowed-networks}).
     */
    public static final Map<String, String> LOOPBACK_RECEIVERS = Map.of("inkan.outbound.allowed-networks[0]", "127.0.0.0/8");

    private final Path dataDir;
    private final ConfigurableApplicationContext context;

    private TestServer(Path dataDir, ConfigurableApplicationContext context) {
        this.dataDir = dataDir;
        this.context = context;
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Starts the server; {@code extraProperties} override the embedded defaults. */
    public static TestServer start(Path dataDir, Map<String, String> extraProperties) {
        return start(dataDir, extraProperties, null);
    }

    /**
     * Starts the server reading the time of day from {@code clock} instead of the system clock (when
     * not null), so a test can move time forward rather than sleep.
     */
    public static TestServer start(Path dataDir, Map<String, String> extraProperties, Clock clock) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("inkan.data-dir", dataDir.toString());
        properties.put("inkan.bootstrap.token-file", dataDir.resolve("admin.token").toString());
        properties.put("inkan.bootstrap.certificate-password-file", dataDir.resolve("admin.p12.password").toString());
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(extraProperties);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplication application = new SpringApplication(InkanServer.class);
        if (clock != null) {
            application.addInitializers(context -> context.getBeanFactory().registerSingleton("testClock", clock));
        }
        return new TestServer(dataDir, application.run(args));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + port());
    }

    /** The bootstrap administrator's token, written on the first start. */
    public String adminToken() {
        try {
            return Files.readString(dataDir.resolve("admin.token")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bootstrap administrator's client certificate (PKCS#12), written on the first start. */
    public Path adminCertificate() {
        return dataDir.resolve("bootstrap-admin.p12");
    }

    /** The file holding the password of {@link #adminCertificate()}. */
    public Path adminCertificatePasswordFile() {
        return dataDir.resolve("admin.p12.password");
    }

    /** The password of {@link #adminCertificate()}. */
    public char[] adminCertificatePassword() {
        try {
            return Files.readString(dataDir.resolve("admin.p12.password")).trim().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PEM of the server's generated TLS certificate, for clients to trust. */
    public Path serverCertificate() {
        return dataDir.resolve("tls").resolve("server.crt");
    }

    public Path dataDir() {
        return dataDir;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
