package io.inkan.cli;

import io.inkan.client.audit.AuditEntry;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6: {@code inkan sign} on many files of mixed formats sends the digests of all of them together —
 * one request per round of signatures, not one per file — as the server's audit trail (one {@code sign}
 * record per request) shows, and every output verifies with its ecosystem's own tool. A batch with
 * broken files names each of them and writes nothing.
 */
class BatchedSigningTest extends LiveServerTest {

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <release xmlns="urn:example:release"><notes>%s</notes></release>
            """;

    /**
     * Two files of each detected format in one command. JAR, Authenticode, XML and raw files need one
     * signature each, an APK three (v1, then v2, then v3, each over what the previous one wrote), so the
     * whole set takes exactly three requests instead of the ten of one request per file (or 14 per signature).
     */
    @Test
    void mixedFormatsTakeOneRequestPerRoundAndEachVerifiesWithItsTool() throws Exception {
        Path work = Files.createDirectories(dir.resolve("mixed"));
        List<Path> jars = List.of(sampleJar(work.resolve("app.jar")), sampleJar(work.resolve("lib.war")));
        List<Path> apks = List.of(TinyApk.write(work.resolve("app.apk")), TinyApk.write(work.resolve("wear.apk")));
        List<Path> pes = List.of(Files.write(work.resolve("setup.exe"), TinyPe.image(3)),
                Files.write(work.resolve("boot.efi"), TinyPe.image(10)));
        List<Path> xmls = List.of(Files.writeString(work.resolve("release.xml"), XML.formatted("one")),
                Files.writeString(work.resolve("feed.xml"), XML.formatted("two")));
        List<Path> raws = List.of(Files.writeString(work.resolve("notes.txt"), "notes\n"),
                Files.writeString(work.resolve("app.tar.gz"), "tarball\n"));
        List<String> args = new ArrayList<>(List.of("sign", "--project", "app", "--profile", "rsa"));
        for (List<Path> group : List.of(jars, apks, pes, xmls, raws)) {
            group.forEach(file -> args.add(file.toString()));
        }
        long before = lastSeq();

        CliRunner.Result result = succeeds(fixture.signer.run(args.toArray(String[]::new)));

        assertThat(signRequestsSince(before)).isEqualTo(3);
        assertThat(result.out()).contains("Signed 10 files (", "jar 2", "authenticode 2", "apk 2", "xml 2", "raw 2",
                ") in 3 signing requests");
        assertThat(result.err()).as("no progress bar without a terminal").doesNotContain("\r");
        assertReceiptsShareTheirRequestsRecord(jars, pes, xmls, raws, apks);
        for (Path jar : jars) {
            assertVerified(ExternalTools.run(List.of(SigningFixture.jdkTool("jarsigner").toString(), "-verify",
                    "-strict", "-keystore", fixture.trustStore().toString(), "-storepass", "changeit", jar.toString())),
                    "jar verified.");
        }
        for (Path apk : apks) {
            assertVerified(ExternalTools.run(List.of(ExternalTools.require("apksigner").toString(), "verify", "-v",
                    "--min-sdk-version", "18", apk.toString())), "Verified using v3 scheme (APK Signature Scheme v3): true");
        }
        for (Path pe : pes) {
            assertVerified(ExternalTools.run(List.of(ExternalTools.require("osslsigncode").toString(), "verify",
                    "-CAfile", fixture.certificatePem("rsa").toString(), "-in", pe.toString())), "Signature verification: ok");
        }
        for (Path xml : xmls) {
            assertVerified(ExternalTools.run(List.of(ExternalTools.require("xmlsec1").toString(), "--verify",
                    "--trusted-pem", fixture.certificatePem("rsa").toString(), xml.toString())), "OK");
        }
        for (Path raw : raws) {
            assertVerified(ExternalTools.run(List.of(ExternalTools.require("openssl").toString(), "dgst", "-sha256",
                    "-verify", work.resolve("rsa.pub.pem").toString(), "-signature", raw + ".sig", raw.toString())),
                    "Verified OK");
        }
    }

    /**
     * Every file has its receipt beside it; the files signed in the first round share that request's record,
     * and the APKs, signed last in the third round, share that one.
     */
    private static void assertReceiptsShareTheirRequestsRecord(List<Path> jars, List<Path> pes, List<Path> xmls,
                                                              List<Path> raws, List<Path> apks) throws IOException {
        List<Long> firstRound = new ArrayList<>();
        for (List<Path> group : List.of(jars, pes, xmls, raws)) {
            for (Path file : group) {
                firstRound.add(AuditCommand.readReceipt(file.resolveSibling(file.getFileName() + ".inkan-receipt.json")).index());
            }
        }
        List<Long> thirdRound = new ArrayList<>();
        for (Path apk : apks) {
            thirdRound.add(AuditCommand.readReceipt(apk.resolveSibling(apk.getFileName() + ".inkan-receipt.json")).index());
        }
        assertThat(firstRound).hasSize(8).containsOnly(firstRound.get(0));
        assertThat(thirdRound).hasSize(2).containsOnly(thirdRound.get(0));
        assertThat(thirdRound.get(0)).isGreaterThan(firstRound.get(0));
    }

    @Test
    void detachedCmsAndOpenPgpSignaturesOfManyFilesTakeOneRequest() throws Exception {
        Path work = Files.createDirectories(dir.resolve("detached"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(Files.writeString(work.resolve("dist-" + i + ".tar.gz"), "distribution " + i + "\n"));
        }
        List<String> names = files.stream().map(Path::toString).toList();

        long beforeCms = lastSeq();
        succeeds(fixture.signer.run(concat(List.of("sign", "--format", "cms", "--project", "app", "--profile", "ec"), names)));
        assertThat(signRequestsSince(beforeCms)).isEqualTo(1);
        for (Path file : files) {
            assertVerified(ExternalTools.run(List.of(ExternalTools.require("openssl").toString(), "cms", "-verify",
                    "-binary", "-inform", "DER", "-in", file + ".p7s", "-content", file.toString(), "-purpose", "any",
                    "-CAfile", fixture.certificatePem("ec").toString(), "-out", "/dev/null")), "Verification successful");
        }

        Gpg gpg = new Gpg(dir.resolve("gnupg"));
        Path key = work.resolve("ec.asc.pub");
        succeeds(fixture.signer.run("keys", "export-pgp", "--project", "app", "--profile", "ec",
                "--user-id", "Release <release@example.org>", "--output", key.toString()));
        assertVerified(gpg.run("--import", key.toString()), "imported");
        long beforePgp = lastSeq();
        succeeds(fixture.signer.run(concat(List.of("sign", "--format", "pgp", "--project", "app", "--profile", "ec"), names)));
        assertThat(signRequestsSince(beforePgp)).isEqualTo(1);
        for (Path file : files) {
            assertVerified(gpg.run("--verify", file + ".asc", file.toString()), "Good signature from \"Release");
        }
    }

    @Test
    void brokenFilesAmongGoodOnesAreEachNamedAndNothingIsWritten() throws Exception {
        Path work = Files.createDirectories(dir.resolve("broken"));
        Path goodJar = sampleJar(work.resolve("good.jar"));
        Path goodApk = TinyApk.write(work.resolve("good.apk"));
        Path notes = Files.writeString(work.resolve("notes.txt"), "notes\n");
        Path brokenApk = Files.writeString(work.resolve("broken.apk"), "not a zip");
        Path brokenExe = Files.writeString(work.resolve("broken.exe"), "MZ but nothing more");
        byte[] jarBefore = Files.readAllBytes(goodJar);
        byte[] apkBefore = Files.readAllBytes(goodApk);

        CliRunner.Result result = fixture.signer.run("sign", "--project", "app", "--profile", "rsa", goodJar.toString(),
                brokenApk.toString(), goodApk.toString(), notes.toString(), brokenExe.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("not every file could be signed, nothing written", brokenApk + ":", brokenExe + ":")
                .doesNotContain(goodJar + ":", goodApk + ":", notes + ":");
        assertThat(Files.readAllBytes(goodJar)).isEqualTo(jarBefore);
        assertThat(Files.readAllBytes(goodApk)).isEqualTo(apkBefore);
        try (var listed = Files.list(work)) {
            assertThat(listed).containsExactlyInAnyOrder(goodJar, goodApk, notes, brokenApk, brokenExe);
        }
    }

    private long lastSeq() {
        return fixture.server.bean(AuditLog.class).recent(1).get(0).seq();
    }

    /** Signing requests the server recorded after {@code seq}: one {@code sign} record per request. */
    private long signRequestsSince(long seq) {
        return fixture.server.bean(AuditLog.class).recent(500).stream()
                .filter(entry -> entry.seq() > seq)
                .map(AuditEntry::action)
                .filter("sign"::equals)
                .count();
    }

    private static void assertVerified(ExternalTools.Result result, String expected) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains(expected);
    }

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }

    private static Path sampleJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new JarEntry("app/config.properties"));
            out.write(("name=" + file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
