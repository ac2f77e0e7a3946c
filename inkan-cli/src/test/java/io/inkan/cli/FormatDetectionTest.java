package io.inkan.cli;

import io.inkan.cli.formats.Format;
import io.inkan.cli.formats.Formats;
import io.inkan.core.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Detection, output names and the properties each format declares, as `inkan sign` relies on them. */
class FormatDetectionTest {

    @ParameterizedTest
    @CsvSource({
        "app.jar, jar", "web.WAR, jar", "suite.ear, jar", "app.apk, apk", "setup.exe, authenticode",
        "lib.dll, authenticode", "bootx64.EFI, authenticode", "setup.msi, authenticode", "x.cab, authenticode",
        "deploy.ps1, authenticode", "release.xml, xml", "app.tar.gz, raw", "README, raw", "jar, raw",
    })
    void formatFollowsTheFileName(String name, String expected) {
        assertThat(Formats.detect(Path.of("dist", name)).name()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"raw, a.bin, a.bin.sig", "cms, a.bin, a.bin.p7s", "pgp, a.bin, a.bin.asc", "jar, a.jar, a.jar"})
    void outputNames(String format, String input, String output) {
        assertThat(Formats.named(format).orElseThrow().outputName(input)).isEqualTo(output);
    }

    @Test
    void theRegistryListsTheFormatsInTheOrderUsersSeeThem() {
        assertThat(Formats.names()).containsExactly("raw", "jar", "cms", "pgp", "authenticode", "apk", "xml");
        assertThat(Formats.ALL.stream().filter(Format::timestamped).map(Format::name))
                .containsExactly("jar", "cms", "authenticode");
        assertThat(Formats.ALL.stream().filter(Format::hashedLocally).map(Format::name)).containsExactly("raw", "cms");
        assertThat(Formats.ALL.stream().filter(Format::publishesPublicKey).map(Format::name)).containsExactly("raw");
        assertThat(Formats.named("JAR")).isEmpty();
    }

    @Test
    void onlyRawTakesP1363AndOnlyRawRefusesPureEd25519() {
        for (Format format : Formats.ALL) {
            boolean raw = format == Formats.RAW;
            assertThat(format.refuse(SignatureAlgorithm.ECDSA_SHA256_P1363)).as(format.name()).isEqualTo(
                    raw ? Optional.empty() : Optional.of(new Format.Refusal("unsuitable algorithm", "signed artifacts "
                            + "use DER ECDSA, not ECDSA_SHA256_P1363; pick the algorithm without _P1363")));
            assertThat(format.refuse(SignatureAlgorithm.ED25519).isPresent()).as(format.name()).isEqualTo(raw);
            assertThat(format.refuse(SignatureAlgorithm.ECDSA_SHA256)).as(format.name()).isEmpty();
        }
    }
}
