package io.inkan.cli.sshagent;

import io.inkan.cli.pkcs11.AgentCommand;
import io.inkan.cli.pkcs11.SigningBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code inkan ssh-agent}: the OpenSSH agent protocol on a Unix socket for the profiles' current keys,
 * including Ed25519, which p11-kit cannot carry. With it {@code ssh-keygen -Y sign} and git's SSH commit
 * signing ({@code gpg.format=ssh}) use remote keys; the agent holds the credential of {@code inkan login}.
 */
@Command(name = "ssh-agent", description = {
    "Serve every profile's current key (Ed25519, ECDSA, RSA) as an OpenSSH agent until stopped.",
    "Unix socket, 0600, owner only; prints SSH_AUTH_SOCK for eval. Keys are named <project>/<profile>."})
public final class SshAgentCommand extends AgentCommand {

    @Option(names = "--socket", paramLabel = "PATH", description = "Default: $XDG_RUNTIME_DIR/inkan/ssh-agent.sock.")
    Path socket;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the agent's process id here; removed on exit.")
    Path pidFile;

    @Override
    protected void run() throws Exception {
        Consumer<String> log = log();
        SigningBackend backend = backend(log);
        serveUntilStopped(socket == null ? defaultSocket("ssh-agent.sock") : socket, pidFile,
                (in, out) -> new SshAgentConnection(backend, log).serve(in, out),
                path -> "SSH_AUTH_SOCK='" + path.toString().replace("'", "'\\''") + "'; export SSH_AUTH_SOCK;", log);
    }
}
