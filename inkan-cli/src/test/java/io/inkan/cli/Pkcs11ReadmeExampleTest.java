package io.inkan.cli;

import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's SoftHSM2 example: the token's settings in a YAML file of one's own, exactly as the README's
 * {@code printf} writes it, given to the server with {@code --spring.config.additional-location}, the PIN in a
 * file; then the custodian's and the signer's commands, and openssl's verification. (The token itself is the
 * suite's SoftHSM2 token, initialised with {@code softhsm2-util --init-token} as the README shows.)
 */
class Pkcs11ReadmeExampleTest {

    @Test
    void theYamlFileGivenAsAdditionalLocationReachesTheToken(@TempDir Path dir) throws Exception {
        SoftHsmFixture hsm = SoftHsmFixture.shared();
        Path pin = Files.writeString(dir.resolve("hsm.pin"), hsm.pin() + "\n");
        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
        Path yaml = Files.writeString(dir.resolve("inkan.yml"), String.format(
                "inkan:\n  tokens:\n    pkcs11:\n      - name: hsm\n        library: %s\n        token-label: %s\n"
                        + "        pin-file: %s\n", SoftHsmFixture.LIBRARY, hsm.label(), pin));

        try (TestServer server = TestServer.start(dir.resolve("server"),
                Map.of("spring.config.additional-location", "file:" + yaml))) {
            Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
            provisioning.project("demo");
            CliRunner custodian = new CliRunner(dir.resolve("custodian")).server(server, provisioning.token("demo", "custodian"));
            CliRunner signer = new CliRunner(dir.resolve("signer")).server(server, provisioning.signerToken("demo"));
            Path app = Files.writeString(dir.resolve("app.bin"), "hello, world\n");

            succeeds(custodian.run("keys", "create", "--project", "demo", "--name", "release-hsm",
                    "--algorithm", "EC_P256", "--token", "hsm"));
            succeeds(custodian.run("profiles", "create", "--project", "demo", "--name", "release-hsm", "--key", "release-hsm"));
            succeeds(signer.run("sign", "--format", "raw", "--project", "demo", "--profile", "release-hsm", app.toString()));

            ExternalTools.Result verified = ExternalTools.run(List.of(ExternalTools.require("openssl").toString(),
                    "dgst", "-sha256", "-verify", dir.resolve("release-hsm.pub.pem").toString(),
                    "-signature", dir.resolve("app.bin.sig").toString(), app.toString()));
            assertThat(verified.output()).contains("Verified OK");
            assertThat(custodian.run("keys", "list", "--project", "demo").out()).contains("release-hsm", "hsm");
        }
    }
}
