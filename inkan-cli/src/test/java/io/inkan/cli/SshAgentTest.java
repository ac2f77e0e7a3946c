package io.inkan.cli;

import io.inkan.server.testing.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan ssh-agent} against a live server, used by OpenSSH's own tools: {@code ssh-add -L} lists the
 * profiles' keys, {@code ssh-keygen -Y sign} signs with Ed25519, ECDSA and RSA keys and {@code -Y verify}
 * accepts the signatures, and git signs a commit with {@code gpg.format=ssh} that {@code git verify-commit}
 * accepts.
 */
class SshAgentTest extends LiveServerTest {

    private Path socket;
    private Thread thread;
    private final CompletableFuture<CliRunner.Result> agent = new CompletableFuture<>();

    @BeforeAll
    void startAgent() throws Exception {
        ExternalTools.require("ssh-keygen");
        socket = Files.createDirectories(dir.resolve("ssh")).resolve("agent.sock");
        thread = new Thread(() -> agent.complete(fixture.signer.run("ssh-agent", "--socket", socket.toString())), "ssh-agent-under-test");
        thread.setDaemon(true);
        thread.start();
        for (int i = 0; i < 600 && !Files.exists(socket) && !agent.isDone(); i++) {
            Thread.sleep(50);
        }
        assertThat(socket).as(String.valueOf(agent.getNow(null))).exists();
    }

    @AfterAll
    void stopAgent() throws Exception {
        thread.interrupt();
        assertThat(agent.get(30, TimeUnit.SECONDS).out()).contains("SSH_AUTH_SOCK='" + socket + "'; export SSH_AUTH_SOCK;");
    }

    @Test
    void sshAddListsTheCurrentKeyOfEveryProfile() {
        assertThat(tool(dir, "ssh-add", "-L")).contains("ssh-ed25519 ", " app/ed", "ecdsa-sha2-nistp256 ", " app/ec",
                "ssh-rsa ", " app/rsa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed", "ec", "rsa"})
    void sshKeygenSignsAndVerifies(String profile) throws Exception {
        Path work = Files.createDirectories(dir.resolve("sshsig-" + profile));
        Path key = Files.writeString(work.resolve("key.pub"), publicKeyLine(profile) + "\n");
        Path content = Files.writeString(work.resolve("release.bin"), "release " + profile);
        tool(work, "ssh-keygen", "-Y", "sign", "-f", key.toString(), "-n", "file", content.toString());
        Path signers = Files.writeString(work.resolve("allowed_signers"), "release@inkan " + publicKeyLine(profile) + "\n");
        assertThat(tool(work, "sh", "-c", "ssh-keygen -Y verify -f " + signers + " -I release@inkan -n file -s "
                + content + ".sig < " + content)).contains("Good \"file\" signature for release@inkan");
    }

    @Test
    void gitSignsACommitWithAnSshKeyThatVerifies() throws Exception {
        ExternalTools.require("git");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path key = Files.writeString(dir.resolve("ed.pub"), publicKeyLine("ed") + "\n");
        Path signers = Files.writeString(dir.resolve("git_signers"), "dev@inkan " + publicKeyLine("ed") + "\n");
        tool(repo, "git", "init", "-q");
        tool(repo, "git", "config", "user.name", "Dev");
        tool(repo, "git", "config", "user.email", "dev@inkan");
        tool(repo, "git", "config", "gpg.format", "ssh");
        tool(repo, "git", "config", "user.signingkey", key.toString());
        tool(repo, "git", "config", "gpg.ssh.allowedSignersFile", signers.toString());
        Files.writeString(repo.resolve("README"), "signed through inkan ssh-agent\n");
        tool(repo, "git", "add", "README");
        tool(repo, "git", "commit", "-q", "-S", "-m", "signed");
        assertThat(tool(repo, "git", "verify-commit", "HEAD")).contains("Good \"git\" signature for dev@inkan");
    }

    private String publicKeyLine(String profile) {
        return tool(dir, "ssh-add", "-L").lines().filter(line -> line.endsWith(" app/" + profile)).findFirst()
                .orElseThrow(() -> new AssertionError("no key for " + profile));
    }

    private String tool(Path workingDirectory, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(Map.of("SSH_AUTH_SOCK", socket.toString(), "HOME", dir.toString(),
                    "GIT_CONFIG_NOSYSTEM", "1"));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(List.of(command) + "\n" + output).isZero();
            return output;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
