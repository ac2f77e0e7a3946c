package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile's time-stamping authority, set with {@code inkan profiles timestamping}, is used by
 * {@code inkan sign} without {@code --tsa}; the built-in TSA's tokens satisfy jarsigner and osslsigncode.
 * {@code --tsa <server>/tsa} reaches the server's TSA over the configured CA's trust.
 */
class ProfileTimestampingCliTest extends LiveServerTest {

    private CliRunner custodian;
    private Path tsaPem;
    private X509Certificate tsaCertificate;

    @BeforeAll
    void custodianAndTsaCertificate() throws Exception {
        String token = new Provisioning(fixture.admin).token("app", "custodian");
        custodian = fixture.runner("custodian", token);
        String pem = fixture.admin.as(null).get("/tsa/certificate").body();
        tsaPem = Files.writeString(dir.resolve("inkan-tsa.pem"), pem);
        tsaCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        for (String profile : List.of("ec", "rsa")) {
            succeeds(custodian.run("profiles", "timestamping", "--project", "app", "--profile", profile, "--builtin"));
        }
    }

    @Test
    void custodiansSetAndEveryMemberSeesTheAuthority() {
        CliRunner.Result shown = succeeds(fixture.signer.run("profiles", "timestamping", "--project", "app",
                "--profile", "ec", "--json"));
        assertThat(shown.out()).contains("\"authority\" : \"builtin\"");
        CliRunner.Result refused = fixture.signer.run("profiles", "timestamping", "--project", "app", "--profile", "ec",
                "--none");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
        CliRunner.Result invalid = custodian.run("profiles", "timestamping", "--project", "app", "--profile", "ec",
                "--external", "ftp://tsa.example.com/");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(invalid.err()).contains("http or https");
    }

    @Test
    void jarSignedWithoutTsaOptionIsTimestampedByTheBuiltInAuthority() throws Exception {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.write('a');
        }

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "ec", jar.toString()));

        Path trust = dir.resolve("trust-with-inkan-tsa.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ec", fixture.certificate("ec"));
        store.setCertificateEntry("tsa", tsaCertificate);
        try (OutputStream out = Files.newOutputStream(trust)) {
            store.store(out, "changeit".toCharArray());
        }
        ExternalTools.Result verified = ExternalTools.run(List.of(SigningFixture.jdkTool("jarsigner").toString(),
                "-verify", "-strict", "-verbose", "-keystore", trust.toString(), "-storepass", "changeit", jar.toString()));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("jar verified.").containsIgnoringCase("timestamped by")
                .contains("Inkan Time-Stamping Authority");
    }

    @Test
    void authenticodeSignedWithoutTsaOptionIsTimestampedByTheBuiltInAuthority() throws Exception {
        Path exe = Files.write(dir.resolve("app.exe"), TinyPe.image(3));

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "rsa", exe.toString()));

        ExternalTools.Result verified = ExternalTools.run(List.of(ExternalTools.require("osslsigncode").toString(),
                "verify", "-CAfile", fixture.certificatePem("rsa").toString(), "-TSA-CAfile", tsaPem.toString(),
                "-in", exe.toString()));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Signature verification: ok", "Timestamp Server Signature verification: ok");
    }

    @Test
    void tsaOptionNamingTheServerUsesTheConfiguredCaAndNoneMeansNoTimestamp() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "notes\n");
        succeeds(fixture.signer.run("sign", "--format", "cms", "--project", "app", "--profile", "ed",
                "--tsa", fixture.server.baseUrl() + "/tsa", file.toString()));
        TimeStampToken token = timestampOf(dir.resolve("notes.txt.p7s"));
        assertThat(token).isNotNull();
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCertificate));

        Path plain = Files.writeString(dir.resolve("plain.txt"), "plain\n");
        succeeds(fixture.signer.run("sign", "--format", "cms", "--project", "app", "--profile", "ed", plain.toString()));
        assertThat(timestampOf(dir.resolve("plain.txt.p7s"))).as("profile ed has no authority").isNull();
    }

    private static TimeStampToken timestampOf(Path p7s) throws Exception {
        SignerInformation signer = new CMSSignedData(Files.readAllBytes(p7s)).getSignerInfos().getSigners().iterator().next();
        if (signer.getUnsignedAttributes() == null
                || signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) == null) {
            return null;
        }
        return new TimeStampToken(new CMSSignedData(signer.getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).getAttrValues().getObjectAt(0)
                .toASN1Primitive().getEncoded()));
    }
}
