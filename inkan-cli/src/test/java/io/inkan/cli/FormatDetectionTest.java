package io.inkan.cli;

import io.inkan.cli.formats.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FormatDetectionTest {

    @ParameterizedTest
    @CsvSource({
        "app.jar, jar", "web.WAR, jar", "suite.ear, jar", "app.apk, apk", "setup.exe, authenticode",
        "lib.dll, authenticode", "bootx64.EFI, authenticode", "setup.msi, authenticode", "x.cab, authenticode",
        "deploy.ps1, authenticode", "release.xml, xml", "app.tar.gz, raw", "README, raw", "jar, raw",
    })
    void formatFollowsTheFileName(String name, Format expected) {
        assertThat(Format.detect(Path.of("dist", name))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"raw, a.bin, a.bin.sig", "cms, a.bin, a.bin.p7s", "pgp, a.bin, a.bin.asc", "jar, a.jar, a.jar"})
    void outputNames(Format format, String input, String output) {
        assertThat(format.outputName(input)).isEqualTo(output);
    }
}
