package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unmodified maven-jarsigner-plugin signs a sample project's jar through the Inkan provider, configured
 * as docs/cli.md shows (provider jar through {@code <arguments>}, settings from the environment), and
 * {@code jarsigner -verify -strict} accepts the result.
 */
class MavenJarsignerPluginTest extends LiveServerTest {

    @Test
    void jarsignerPluginSignsThroughInkan() throws Exception {
        Path project = Files.createDirectories(dir.resolve("sample"));
        Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(project.resolve("src/main/resources/greeting.txt"), "hello\n");
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.example</groupId>
                  <artifactId>sample</artifactId>
                  <version>1.0</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <inkan.jca>%s</inkan.jca>
                  </properties>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-jarsigner-plugin</artifactId>
                        <version>3.1.0</version>
                        <executions>
                          <execution><id>sign</id><goals><goal>sign</goal></goals></execution>
                        </executions>
                        <configuration>
                          <keystore>NONE</keystore>
                          <storetype>Inkan</storetype>
                          <storepass>none</storepass>
                          <alias>ec</alias>
                          <sigalg>SHA256withECDSA</sigalg>
                          <arguments>
                            <argument>-J-cp</argument>
                            <argument>-J${inkan.jca}</argument>
                            <argument>-J--add-modules</argument>
                            <argument>-Jjava.net.http</argument>
                            <argument>-providerClass</argument>
                            <argument>io.inkan.client.jca.InkanProvider</argument>
                          </arguments>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(SigningFixture.providerClassPath()));

        ProcessBuilder maven = new ProcessBuilder(Path.of("..", "mvnw").toAbsolutePath().normalize().toString(),
                "-B", "-f", project.resolve("pom.xml").toString(), "package").redirectErrorStream(true);
        maven.environment().put("INKAN_SERVER", fixture.server.baseUrl().toString());
        maven.environment().put("INKAN_TOKEN_FILE", fixture.tokenFile.toString());
        maven.environment().put("INKAN_CA", fixture.server.serverCertificate().toString());
        Process process = maven.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        ExternalTools.Result verified = ExternalTools.run(List.of(SigningFixture.jdkTool("jarsigner").toString(),
                "-verify", "-strict", "-keystore", fixture.trustStore().toString(), "-storepass", "changeit",
                project.resolve("target/sample-1.0.jar").toString()));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("jar verified.");
    }
}
