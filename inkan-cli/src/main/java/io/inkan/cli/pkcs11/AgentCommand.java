package io.inkan.cli.pkcs11;

import io.inkan.cli.CliEnvironment;
import io.inkan.cli.InkanCli;
import io.inkan.client.InkanApiException;
import io.inkan.client.InkanConnectionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The shared shape of the local agent commands ({@code inkan pkcs11 …}, {@code inkan ssh-agent}): run, or
 * print one {@code inkan: …} line and exit non-zero; log to standard error; and the life of a socket agent
 * (PID file, the export line on standard output, clean-up on SIGTERM or interruption).
 */
public abstract class AgentCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected abstract void run() throws Exception;

    @Override
    public final Integer call() {
        try {
            run();
            return 0;
        } catch (InkanApiException e) {
            err().println("inkan: " + e.getMessage());
            return e.status() == 401 || e.status() == 403 ? 3 : 1;
        } catch (InkanConnectionException e) {
            err().println("inkan: connection failed: " + e.getMessage());
            return 6;
        } catch (Exception e) {
            err().println("inkan: " + e.getMessage());
            return 1;
        } finally {
            err().flush();
            spec.commandLine().getOut().flush();
        }
    }

    protected CliEnvironment environment() {
        return ((InkanCli) spec.root().userObject()).environment();
    }

    /** The server and credential of {@code inkan login}, as the adapter every agent signs through. */
    protected SigningBackend backend(Consumer<String> log) {
        return new InkanBackend(environment().client(), log);
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Timestamped lines on standard error, safe from several connection threads. */
    protected Consumer<String> log() {
        PrintWriter err = err();
        String name = spec.qualifiedName();
        return message -> {
            synchronized (err) {
                err.println(name + " " + Instant.now() + " " + message);
                err.flush();
            }
        };
    }

    /** {@code $XDG_RUNTIME_DIR/inkan/<name>}, else {@code ~/.cache/inkan/<name>}. */
    protected Path defaultSocket(String name) {
        String runtime = environment().variables().get("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank()
                ? Path.of(runtime, "inkan", name)
                : environment().home().resolve(".cache").resolve("inkan").resolve(name);
    }

    /**
     * Serves {@code protocol} on {@code socket} until SIGTERM or interruption: writes the PID file, prints
     * {@code exportLine(socket)} for {@code eval}, and removes socket and PID file at the end.
     */
    protected void serveUntilStopped(Path socket, Path pidFile, AgentServer.Connection protocol,
                                     java.util.function.Function<Path, String> exportLine, Consumer<String> log) throws Exception {
        if (pidFile != null) {
            // Before the socket exists, so whoever waits for the socket finds the PID file too.
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        }
        AgentServer started;
        try {
            started = AgentServer.start(socket, () -> protocol, log);
        } catch (IOException e) {
            if (pidFile != null) {
                Files.deleteIfExists(pidFile);
            }
            throw e;
        }
        try (AgentServer agent = started) {
            Thread cleanUp = new Thread(() -> stop(agent, pidFile, log));
            Runtime.getRuntime().addShutdownHook(cleanUp);
            PrintWriter out = spec.commandLine().getOut();
            out.println(exportLine.apply(agent.socket().toAbsolutePath()));
            out.flush();
            log.accept("listening on " + agent.socket().toAbsolutePath());
            try {
                agent.awaitClose();
            } finally {
                stop(agent, pidFile, log);
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanUp);
                } catch (IllegalStateException shuttingDown) {
                    // The hook itself closed the agent.
                }
            }
        }
    }

    private static void stop(AgentServer agent, Path pidFile, Consumer<String> log) {
        try {
            agent.close();
            if (pidFile != null) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            log.accept("cleaning up: " + e.getMessage());
        }
    }
}
