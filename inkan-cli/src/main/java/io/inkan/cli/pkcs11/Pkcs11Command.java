package io.inkan.cli.pkcs11;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code inkan pkcs11}: a PKCS#11 token for every non-Java tool without native code of ours. The agent
 * speaks p11-kit's RPC protocol, so tools load Debian's {@code p11-kit-client.so} and reach Inkan keys
 * through it, while the agent holds the credential of {@code inkan login} and the tools never see it.
 */
@Command(name = "pkcs11", description = "Serve Inkan keys as PKCS#11 tokens to OpenSSL, osslsigncode, sbsign, gpg, ssh… "
        + "through p11-kit-client.so (one token per project, one key per profile).",
        subcommands = {Pkcs11Command.Serve.class, Pkcs11Command.Stdio.class, Pkcs11Command.Env.class})
public final class Pkcs11Command {

    /** Where Debian and Fedora put p11-kit's client module. */
    static final List<Path> CLIENT_MODULES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/pkcs11/p11-kit-client.so"),
            Path.of("/usr/lib64/pkcs11/p11-kit-client.so"),
            Path.of("/usr/lib/pkcs11/p11-kit-client.so"));

    /** How long a listing of the keys is reused before the agent asks the server again. */
    static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);

    @Command(name = "serve", description = {
        "Run the agent on a Unix socket (0600, owner only) until stopped.",
        "Prints the line that points p11-kit-client.so at it, for eval \"$(inkan pkcs11 serve … &)\"; see also 'inkan pkcs11 env'."})
    static final class Serve extends AgentCommand {

        @Option(names = "--socket", paramLabel = "PATH", description = "Default: $XDG_RUNTIME_DIR/inkan/pkcs11.sock.")
        Path socket;

        @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the agent's process id here; removed on exit.")
        Path pidFile;

        @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "60",
                description = "Reuse the list of keys this long before asking the server again (default ${DEFAULT-VALUE}).")
        long refreshSeconds;

        @Override
        protected void run() throws Exception {
            Consumer<String> log = log();
            SigningBackend backend = backend(log);
            TokenCache tokens = new TokenCache(backend, Duration.ofSeconds(refreshSeconds), Clock.systemUTC(), log);
            log.accept("showing " + tokens.get().tokens().size() + " token(s)");
            serveUntilStopped(socket == null ? defaultSocket("pkcs11.sock") : socket, pidFile,
                    (in, out) -> new RpcConnection(new Pkcs11Handler(tokens, backend, log), log).serve(in, out),
                    path -> Env.exportLine("unix:path=" + path), log);
        }
    }

    @Command(name = "stdio", description = {
        "Serve one client on standard input and output (spawn form, no daemon).",
        "Use P11_KIT_SERVER_ADDRESS='|inkan pkcs11 stdio'; it costs a JVM start per tool run."})
    static final class Stdio extends AgentCommand {

        @Override
        protected void run() throws Exception {
            Consumer<String> log = log();
            SigningBackend backend = backend(log);
            TokenCache tokens = new TokenCache(backend, DEFAULT_REFRESH, Clock.systemUTC(), log);
            new RpcConnection(new Pkcs11Handler(tokens, backend, log), log)
                    .serve(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
        }
    }

    @Command(name = "env", description = "Print the shell lines that point PKCS#11 tools at the agent.")
    static final class Env extends AgentCommand {

        @Option(names = "--socket", paramLabel = "PATH", description = "The agent's socket (default as for 'serve').")
        Path socket;

        @Option(names = "--stdio", description = "Use the spawn form instead of a running agent.")
        boolean stdio;

        @Override
        protected void run() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(exportLine(stdio ? "|inkan pkcs11 stdio"
                    : "unix:path=" + (socket == null ? defaultSocket("pkcs11.sock") : socket).toAbsolutePath()));
            CLIENT_MODULES.stream().filter(Files::isRegularFile).findFirst().ifPresentOrElse(
                    module -> out.println("INKAN_PKCS11_MODULE=" + module + "; export INKAN_PKCS11_MODULE;"),
                    () -> out.println("# p11-kit-client.so not found: install p11-kit-modules"));
        }

        static String exportLine(String address) {
            String quoted = "'" + address.replace("'", "'\\''") + "'";
            return "P11_KIT_SERVER_ADDRESS=" + quoted + "; export P11_KIT_SERVER_ADDRESS;";
        }
    }
}
