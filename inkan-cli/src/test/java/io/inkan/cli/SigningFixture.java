package io.inkan.cli;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * A live server for the format tests: project {@code app} with a key and a profile of the same name per
 * key family ({@code rsa}, {@code ec}, {@code ed}) on the software token, a signer token in a file, and a
 * CLI logged in through the environment as CI would be.
 */
final class SigningFixture implements AutoCloseable {

    final Path dir;
    final TestServer server;
    final Path tokenFile;
    final ApiCaller admin;
    final CliRunner signer;
    private final Map<String, X509Certificate> certificates;

    SigningFixture(Path dir) throws Exception {
        this.dir = dir;
        server = TestServer.start(dir.resolve("server"), Map.of());
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = new Provisioning(admin);
        provisioning.project("app");
        certificates = Map.of(
                "rsa", Provisioning.leafCertificate(provisioning.keyAndProfile("app", "rsa", KeyAlgorithm.RSA_2048, "software")),
                "ec", Provisioning.leafCertificate(provisioning.keyAndProfile("app", "ec", KeyAlgorithm.EC_P256, "software")),
                "ed", Provisioning.leafCertificate(provisioning.keyAndProfile("app", "ed", KeyAlgorithm.ED25519, "software")));
        String token = provisioning.signerToken("app");
        tokenFile = Files.writeString(dir.resolve("signer.token"), token + "\n");
        signer = runner("signer", token);
    }

    /** A CLI with its own home ({@code <name>-home}) that reaches this server with {@code token}, trusting its certificate. */
    CliRunner runner(String name, String token) {
        return new CliRunner(dir.resolve(name + "-home")).server(server, token);
    }

    X509Certificate certificate(String profile) {
        return certificates.get(profile);
    }

    /** The profile's certificate as a PEM file, for openssl's {@code -CAfile}. */
    Path certificatePem(String profile) throws Exception {
        Path file = dir.resolve(profile + ".crt");
        return Files.exists(file) ? file : writePem(file, certificate(profile));
    }

    /** Writes a certificate as PEM, the form openssl, osslsigncode and sbverify read. */
    static Path writePem(Path file, X509Certificate certificate) throws Exception {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
        return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
    }

    /** A PKCS#12 trust store holding every profile's certificate, password {@code changeit}. */
    Path trustStore() throws Exception {
        Path file = dir.resolve("trust.p12");
        if (!Files.exists(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Map.Entry<String, X509Certificate> entry : certificates.entrySet()) {
                store.setCertificateEntry(entry.getKey(), entry.getValue());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, "changeit".toCharArray());
            }
        }
        return file;
    }

    /** The argument for the Inkan JCA provider ({@code -providerArg}). */
    String providerArgument() {
        return "--server=" + server.baseUrl() + ",token-file=" + tokenFile + ",ca=" + server.serverCertificate();
    }

    /**
     * Where the provider classes are for an external JVM: the shaded {@code inkan-jca.jar} once the reactor
     * packaged inkan-client (as {@code verify} does), else this test JVM's own class path.
     */
    static String providerClassPath() {
        Path shaded = Path.of("..", "inkan-client", "target", "inkan-jca.jar").toAbsolutePath().normalize();
        return Files.isRegularFile(shaded) ? shaded.toString() : System.getProperty("java.class.path");
    }

    static Path jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    static CliRunner.Result succeeds(CliRunner.Result result) {
        if (result.exitCode() != 0) {
            throw new AssertionError("exit " + result.exitCode() + ": " + result.err());
        }
        return result;
    }

    @Override
    public void close() {
        server.close();
    }
}
