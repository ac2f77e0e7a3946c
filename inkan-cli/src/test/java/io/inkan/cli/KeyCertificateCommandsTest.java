package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan keys csr|import-cert|activation} and {@code inkan ca list} against a live server, as the
 * project's key custodian.
 */
class KeyCertificateCommandsTest extends LiveServerTest {

    private CliRunner custodian;

    @BeforeAll
    void custodian() {
        String token = new Provisioning(fixture.admin).token("app", "custodian");
        custodian = fixture.runner("custodian", token);
    }

    @Test
    void csrIsSignedInTheTokenAndOpensslVerifiesIt() {
        ExternalTools.require("openssl");
        Path csr = dir.resolve("ec.csr");
        CliRunner.Result result = SigningFixture.succeeds(custodian.run("keys", "csr", "--project", "app", "--key", "ec",
                "--subject", "CN=CLI Release,O=Example", "--extended-key-usage", "codeSigning,timeStamping",
                "--output", csr.toString()));
        assertThat(result.out()).contains("certificate request of key app/ec");
        ExternalTools.Result verified = ExternalTools.run(List.of("openssl", "req", "-in", csr.toString(), "-noout",
                "-verify", "-text"));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("CN = CLI Release").contains("Code Signing").contains("Time Stamping");
    }

    @Test
    void importCertRefusesAChainNoTrustAnchorVouchesFor() throws Exception {
        Path selfSigned = fixture.certificatePem("ec");
        CliRunner.Result result = custodian.run("keys", "import-cert", "--project", "app", "--key", "ec",
                selfSigned.toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("Certificate chain untrusted");
    }

    @Test
    void activationAndAuthoritiesAreShown() {
        CliRunner.Result activation = SigningFixture.succeeds(custodian.run("keys", "activation", "--project", "app",
                "--key", "ec"));
        assertThat(activation.out()).contains("not-required");
        CliRunner.Result authorities = SigningFixture.succeeds(custodian.run("ca", "list"));
        assertThat(authorities.out()).startsWith("NAME");
    }
}
