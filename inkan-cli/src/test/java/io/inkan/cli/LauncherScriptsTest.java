package io.inkan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/inkan and bin/inkan-gpg start the same jar with the same JVM options: the scripts of this checkout
 * run in a copy of its layout, with a {@code java} that prints the arguments it was given.
 */
class LauncherScriptsTest {

    @Test
    void inkanGpgUsesTheLauncherOptionsOfInkan(@TempDir Path checkout) throws Exception {
        Path bin = Files.createDirectories(checkout.resolve("bin"));
        for (String script : List.of("inkan", "inkan-gpg")) {
            Files.copy(Path.of("..", "bin", script), bin.resolve(script));
        }
        Files.createFile(Files.createDirectories(checkout.resolve("inkan-cli/target")).resolve("inkan-cli.jar"));
        Path javaHome = checkout.resolve("jdk");
        Path java = Files.writeString(Files.createDirectories(javaHome.resolve("bin")).resolve("java"),
                "#!/bin/sh\nfor argument in \"$@\"; do echo \"$argument\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));

        List<String> inkan = run(javaHome, bin.resolve("inkan"), "--help");
        List<String> gpg = run(javaHome, bin.resolve("inkan-gpg"), "--version");

        String realJar = bin.toRealPath() + "/../inkan-cli/target/inkan-cli.jar";
        assertThat(inkan).contains("-XX:+UseSerialGC").endsWith("-jar", realJar, "--help");
        assertThat(gpg).endsWith("-cp", realJar, InkanGpg.class.getName(), "--version");
        assertThat(gpg.subList(0, gpg.size() - 4)).isEqualTo(inkan.subList(0, inkan.size() - 3));
    }

    private static List<String> run(Path javaHome, Path script, String argument) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), argument).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("INKAN_LAUNCHER_MAIN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().toList();
    }
}
