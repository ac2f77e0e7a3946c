package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Detached CMS signatures through a live server, checked by {@code openssl cms -verify} with the
 * profile's certificate as trust anchor; a changed file must fail.
 */
class CmsFormatTest extends LiveServerTest {

    @ParameterizedTest
    @CsvSource({"ec, ECDSA_SHA256", "rsa, RSA_PKCS1_SHA256", "rsa, RSA_PSS_SHA256", "rsa, RSA_PKCS1_SHA512"})
    void opensslVerifiesDetachedSignatures(String profile, String algorithm) throws Exception {
        Path work = Files.createDirectories(dir.resolve(profile + "-" + algorithm));
        byte[] content = new byte[3 * 1024 * 1024 + 11];
        new Random(3).nextBytes(content);
        Path file = Files.write(work.resolve("app.tar.gz"), content);

        CliRunner.Result result = succeeds(fixture.signer.run("sign", "--format", "cms", "--project", "app",
                "--profile", profile, "--algorithm", algorithm, file.toString()));

        Path signature = work.resolve("app.tar.gz.p7s");
        assertThat(result.out()).contains("(cms)");
        ExternalTools.Result verified = opensslVerify(signature, file, profile);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verification successful");

        content[1000] ^= 1;
        Path tampered = Files.write(work.resolve("tampered.tar.gz"), content);
        assertThat(opensslVerify(signature, tampered, profile).exitCode()).isNotZero();
    }

    /**
     * OpenSSL 3.0 (Debian 12) cannot verify, or even create, Ed25519 CMS signatures ("eddsa_digest_signverify_init:
     * invalid digest"), so RFC 8419 signatures are checked with Bouncy Castle's CMS verifier instead.
     */
    @Test
    void ed25519SignaturesFollowRfc8419() throws Exception {
        Path work = Files.createDirectories(dir.resolve("ed"));
        Path file = Files.writeString(work.resolve("notes.txt"), "release notes\n");

        succeeds(fixture.signer.run("sign", "--format", "cms", "--project", "app", "--profile", "ed", file.toString()));

        CMSSignedData signed = new CMSSignedData(new CMSProcessableFile(file.toFile()),
                Files.readAllBytes(work.resolve("notes.txt.p7s")));
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.3");
        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.3.101.112");
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(fixture.certificate("ed")))).isTrue();

        CMSSignedData changed = new CMSSignedData(new CMSProcessableByteArray("other\n".getBytes()),
                Files.readAllBytes(work.resolve("notes.txt.p7s")));
        assertThatThrownBy(() -> changed.getSignerInfos().getSigners().iterator().next()
                .verify(new JcaSimpleSignerInfoVerifierBuilder().build(fixture.certificate("ed"))))
                .isInstanceOf(CMSSignerDigestMismatchException.class);
    }

    @Test
    void severalFilesInOneRequest() throws Exception {
        Path work = Files.createDirectories(dir.resolve("mixed"));
        Path notes = Files.writeString(work.resolve("notes.txt"), "notes\n");
        Path more = Files.writeString(work.resolve("more.txt"), "more\n");
        long before = signRequests();

        succeeds(fixture.signer.run("sign", "--format", "cms", "--project", "app", "--profile", "ec",
                "--output-dir", work.resolve("sigs").toString(), notes.toString(), more.toString()));

        assertThat(signRequests() - before).isEqualTo(1);

        for (Path file : List.of(notes, more)) {
            ExternalTools.Result verified = opensslVerify(work.resolve("sigs").resolve(file.getFileName() + ".p7s"),
                    file, "ec");
            assertThat(verified.exitCode()).as(verified.output()).isZero();
        }
    }

    /** Sign requests the server has answered so far, from its Prometheus metrics. */
    private long signRequests() {
        String metrics = fixture.admin.get("/actuator/prometheus").body();
        return metrics.lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("/sign\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private ExternalTools.Result opensslVerify(Path signature, Path content, String profile) throws Exception {
        Path openssl = ExternalTools.require("openssl");
        return ExternalTools.run(List.of(openssl.toString(), "cms", "-verify", "-binary", "-inform", "DER",
                "-in", signature.toString(), "-content", content.toString(), "-purpose", "any",
                "-CAfile", fixture.certificatePem(profile).toString(), "-out", "/dev/null"));
    }
}
