package io.inkan.cli;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same formats with the key in a SoftHSM2 token instead of the software token: a jar, a CMS
 * signature and an OpenPGP signature from one command each, checked by jarsigner, openssl and gpg.
 */
class SoftHsmFormatsTest {

    @Test
    void formatsSignWithAnHsmKey(@TempDir Path dir) throws Exception {
        SoftHsmFixture token = SoftHsmFixture.shared();
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of(
                "inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", token.label(),
                "inkan.tokens.pkcs11[0].pin", token.pin()))) {
            Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
            provisioning.project("app");
            var key = provisioning.keyAndProfile("app", "hsm-ec", KeyAlgorithm.EC_P256, "hsm");
            String profile = "hsm-ec";
            CliRunner signer = new CliRunner(dir.resolve("home")).server(server, provisioning.signerToken("app"));
            Path jar = dir.resolve("app.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry("a.txt"));
                out.write('a');
            }
            Path notes = Files.writeString(dir.resolve("notes.txt"), "notes\n");

            succeeds(signer.run("sign", "--project", "app", "--profile", profile, jar.toString()));
            succeeds(signer.run("sign", "--format", "cms", "--project", "app", "--profile", profile, notes.toString()));
            succeeds(signer.run("sign", "--format", "pgp", "--project", "app", "--profile", profile, notes.toString()));
            succeeds(signer.run("keys", "export-pgp", "--project", "app", "--profile", profile,
                    "--output", dir.resolve("key.asc").toString()));

            Path certificate = SigningFixture.writePem(dir.resolve("hsm.crt"), Provisioning.leafCertificate(key));
            ExternalTools.Result jarOk = ExternalTools.run(List.of(SigningFixture.jdkTool("jarsigner").toString(),
                    "-verify", jar.toString()));
            assertThat(jarOk.output()).as(jarOk.output()).contains("jar verified.");
            ExternalTools.Result cmsOk = ExternalTools.run(List.of(ExternalTools.require("openssl").toString(), "cms",
                    "-verify", "-binary", "-inform", "DER", "-in", dir.resolve("notes.txt.p7s").toString(),
                    "-content", notes.toString(), "-purpose", "any", "-CAfile", certificate.toString(), "-out", "/dev/null"));
            assertThat(cmsOk.exitCode()).as(cmsOk.output()).isZero();
            Gpg gpg = new Gpg(dir.resolve("gnupg"));
            assertThat(gpg.run("--import", dir.resolve("key.asc").toString()).exitCode()).isZero();
            ExternalTools.Result pgpOk = gpg.run("--verify", dir.resolve("notes.txt.asc").toString(), notes.toString());
            assertThat(pgpOk.exitCode()).as(pgpOk.output()).isZero();
        }
    }
}
