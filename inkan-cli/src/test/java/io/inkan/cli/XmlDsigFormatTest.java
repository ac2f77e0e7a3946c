package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/** Enveloped XML signatures through a live server, verified by {@code xmlsec1 --verify}. */
class XmlDsigFormatTest extends LiveServerTest {

    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <release xmlns="urn:example:release"><artifact name="app.jar" sha256="00ff"/><notes>first</notes></release>
            """;

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ec"})
    void xmlsecVerifiesEnvelopedSignatures(String profile) throws Exception {
        Path xml = Files.writeString(Files.createDirectories(dir.resolve(profile)).resolve("release.xml"), DOCUMENT);

        CliRunner.Result result = succeeds(fixture.signer.run("sign", "--project", "app", "--profile", profile,
                xml.toString()));

        assertThat(result.out()).contains("(xml)");
        assertThat(Files.readString(xml)).contains("<ds:Signature", "<ds:X509Certificate>");
        ExternalTools.Result verified = xmlsec(xml, profile);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("OK");

        Path tampered = Files.writeString(xml.resolveSibling("tampered.xml"),
                Files.readString(xml).replace("<notes>first</notes>", "<notes>second</notes>"));
        assertThat(xmlsec(tampered, profile).exitCode()).isNotZero();
    }

    @Test
    void documentsWithADtdAreRefused() throws Exception {
        Path xml = Files.writeString(dir.resolve("xxe.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>");

        CliRunner.Result result = fixture.signer.run("sign", "--project", "app", "--profile", "ec", xml.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(xml)).doesNotContain("Signature");
    }

    private ExternalTools.Result xmlsec(Path xml, String profile) throws Exception {
        return ExternalTools.run(List.of(ExternalTools.require("xmlsec1").toString(), "--verify",
                "--trusted-pem", fixture.certificatePem(profile).toString(), xml.toString()));
    }
}
