package io.inkan.client.jca;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A live Inkan server with project {@code app} holding one key and profile per key family ({@code rsa},
 * {@code ec}, {@code ec384}, {@code ed}) on the software token, and a signer token in a file: what the
 * provider's tests sign through.
 */
final class SigningServer implements AutoCloseable {

    final TestServer server;
    final Path tokenFile;

    SigningServer(Path dir) throws IOException {
        server = TestServer.start(dir.resolve("server"), Map.of());
        Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
        provisioning.project("app");
        provisioning.keyAndProfile("app", "rsa", KeyAlgorithm.RSA_2048, "software");
        provisioning.keyAndProfile("app", "ec", KeyAlgorithm.EC_P256, "software");
        provisioning.keyAndProfile("app", "ec384", KeyAlgorithm.EC_P384, "software");
        provisioning.keyAndProfile("app", "ed", KeyAlgorithm.ED25519, "software");
        tokenFile = Files.writeString(dir.resolve("signer.token"), provisioning.signerToken("app") + "\n");
    }

    /** The provider argument, as a user would pass it to {@code -providerArg}. */
    String providerArgument() {
        return "--server=" + server.baseUrl() + ",token-file=" + tokenFile + ",ca=" + server.serverCertificate();
    }

    @Override
    public void close() {
        server.close();
    }
}
