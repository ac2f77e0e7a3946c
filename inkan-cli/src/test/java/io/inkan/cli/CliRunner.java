package io.inkan.cli;

import io.inkan.server.testing.TestServer;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with its config under a temp directory and captured stdout/stderr. */
final class CliRunner {

    /** What one invocation produced. */
    record Result(int exitCode, String out, String err) {
    }

    final Path home;
    final Map<String, String> env = new HashMap<>();
    String stdin = "";

    CliRunner(Path home) {
        this.home = home;
        env.put("INKAN_CONFIG", configFile().toString());
    }

    Path configFile() {
        return home.resolve("cfg").resolve("config.json");
    }

    /** Points the CLI at a server through the environment, as a CI job would. */
    CliRunner server(String url, String token) {
        env.put("INKAN_SERVER", url);
        env.put("INKAN_TOKEN", token);
        return this;
    }

    /** Points the CLI at a test server with {@code token}, trusting the server's generated certificate. */
    CliRunner server(TestServer server, String token) {
        server(server.baseUrl().toString(), token);
        env.put("INKAN_CA", server.serverCertificate().toString());
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InkanCli cli = new InkanCli(new CliEnvironment(env, home,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        CommandLine commandLine = InkanCli.commandLine(cli, args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
