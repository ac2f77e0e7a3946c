package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --tsa}: RFC 3161 time-stamps from a local authority embedded in jar, Authenticode and CMS
 * signatures, checked by jarsigner, osslsigncode and (for CMS, which openssl cms does not check)
 * Bouncy Castle's token validation against the TSA certificate.
 */
class TimestampTest extends LiveServerTest {

    private LocalTsa tsa;

    @BeforeAll
    void startTsa() throws Exception {
        tsa = new LocalTsa();
    }

    @AfterAll
    void stopTsa() {
        tsa.close();
    }

    @Test
    void jarSignaturesAreTimestamped() throws Exception {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("a.txt"));
            out.write('a');
        }

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "ec", "--tsa", tsa.url().toString(),
                jar.toString()));

        Path trust = dir.resolve("trust-with-tsa.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ec", fixture.certificate("ec"));
        store.setCertificateEntry("tsa", tsa.certificate());
        try (OutputStream out = Files.newOutputStream(trust)) {
            store.store(out, "changeit".toCharArray());
        }
        ExternalTools.Result verified = ExternalTools.run(List.of(SigningFixture.jdkTool("jarsigner").toString(),
                "-verify", "-strict", "-verbose", "-keystore", trust.toString(), "-storepass", "changeit", jar.toString()));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("jar verified.").containsIgnoringCase("timestamped by");
    }

    @Test
    void authenticodeSignaturesAreTimestamped() throws Exception {
        Path exe = Files.write(dir.resolve("app.exe"), TinyPe.image(3));

        succeeds(fixture.signer.run("sign", "--project", "app", "--profile", "rsa", "--tsa", tsa.url().toString(),
                exe.toString()));

        ExternalTools.Result verified = ExternalTools.run(List.of(ExternalTools.require("osslsigncode").toString(),
                "verify", "-CAfile", fixture.certificatePem("rsa").toString(),
                "-TSA-CAfile", tsa.certificatePem(dir.resolve("tsa.pem")).toString(), "-in", exe.toString()));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Signature verification: ok", "Timestamp Server Signature verification: ok");
    }

    @Test
    void cmsSignaturesCarryAValidSignatureTimestamp() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "notes\n");

        succeeds(fixture.signer.run("sign", "--format", "cms", "--project", "app", "--profile", "ec",
                "--tsa", tsa.url().toString(), file.toString()));

        Path p7s = dir.resolve("notes.txt.p7s");
        ExternalTools.Result verified = ExternalTools.run(List.of(ExternalTools.require("openssl").toString(), "cms",
                "-verify", "-binary", "-inform", "DER", "-in", p7s.toString(), "-content", file.toString(),
                "-purpose", "any", "-CAfile", fixture.certificatePem("ec").toString(), "-out", "/dev/null"));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        SignerInformation signer = new CMSSignedData(Files.readAllBytes(p7s)).getSignerInfos().getSigners().iterator().next();
        TimeStampToken token = new TimeStampToken(new CMSSignedData(signer.getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken).getAttrValues().getObjectAt(0)
                .toASN1Primitive().getEncoded()));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.certificate()));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
    }

    @Test
    void formatsWithoutTimestampsRefuseTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        long before = tsa.requests();

        CliRunner.Result result = fixture.signer.run("sign", "--format", "pgp", "--project", "app", "--profile", "ec",
                "--tsa", tsa.url().toString(), file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("no time-stamps for pgp");
        assertThat(tsa.requests()).isEqualTo(before);
    }
}
