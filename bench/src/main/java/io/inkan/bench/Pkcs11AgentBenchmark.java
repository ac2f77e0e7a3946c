package io.inkan.bench;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSL signing a file with a local key file next to the same command with an Inkan key through
 * {@code inkan pkcs11 serve} (a separate JVM, as users run it) and p11-kit-client.so: the wall time on a
 * large file (best of three; the target is at most 1.2 times the local key), and the per-signature cost of
 * the agent path from many runs on a 1 KiB file (p50 and p99 of the remote runs less the local median).
 *
 * <p>Usage: {@code Pkcs11AgentBenchmark CLI_JAR [SIZE_MIB] [RUNS]} (defaults 64 and 50). Needs openssl,
 * p11-kit-modules and libengine-pkcs11-openssl.
 */
public final class Pkcs11AgentBenchmark {

    private static final String MODULE = "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so";
    private static final String ENGINE = "/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so";

    private Pkcs11AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path cliJar = Path.of(args[0]).toAbsolutePath();
        long sizeMib = args.length > 1 ? Long.parseLong(args[1]) : 64;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Files.createTempDirectory("inkan-pkcs11-bench");
        Process agent = null;
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of())) {
            Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
            provisioning.project("bench");
            provisioning.keyAndProfile("bench", "release", KeyAlgorithm.EC_P256, "software");
            Path socket = dir.resolve("run").resolve("agent.sock");
            ProcessBuilder agentProcess = new ProcessBuilder(javaExecutable(), "-jar", cliJar.toString(), "pkcs11", "serve",
                    "--socket", socket.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile());
            agentProcess.environment().putAll(Map.of("INKAN_SERVER", server.baseUrl().toString(),
                    "INKAN_TOKEN", provisioning.signerToken("bench"), "INKAN_CA", server.serverCertificate().toString(),
                    "INKAN_CONFIG", dir.resolve("cfg.json").toString()));
            agent = agentProcess.start();
            for (int i = 0; i < 600 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            Map<String, String> env = new HashMap<>(Map.of("OPENSSL_CONF", opensslConfig(dir).toString(),
                    "P11_KIT_SERVER_ADDRESS", "unix:path=" + socket));
            run(List.of("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-out", dir.resolve("local.key").toString()), env);
            Path large = largeFile(dir.resolve("artifact.bin"), sizeMib);
            Path tiny = Files.write(dir.resolve("tiny.bin"), new byte[1024]);

            System.out.printf("file: %d MiB, %d cores, %d runs for the per-signature figures%n", sizeMib,
                    Runtime.getRuntime().availableProcessors(), runs);
            double local = best(sign(dir, large, false), env);
            double remote = best(sign(dir, large, true), env);
            System.out.printf("%-46s %8.3f s%n", "openssl dgst -sha256 -sign, local key file", local);
            System.out.printf("%-46s %8.3f s  %.2fx (target <= 1.2x)%n", "same, remote key through inkan pkcs11", remote, remote / local);

            List<Double> localSmall = times(sign(dir, tiny, false), env, runs);
            List<Double> remoteSmall = times(sign(dir, tiny, true), env, runs);
            double localMedian = percentile(localSmall, 50);
            System.out.printf("%-46s p50 %6.1f ms  p99 %6.1f ms%n", "1 KiB, local key file", localMedian,
                    percentile(localSmall, 99));
            System.out.printf("%-46s p50 %6.1f ms  p99 %6.1f ms%n", "1 KiB, remote key through the agent",
                    percentile(remoteSmall, 50), percentile(remoteSmall, 99));
            System.out.printf("%-46s p50 %6.1f ms  p99 %6.1f ms%n", "agent path per signature (remote - local p50)",
                    percentile(remoteSmall, 50) - localMedian, percentile(remoteSmall, 99) - localMedian);
        } finally {
            if (agent != null) {
                agent.destroy();
                agent.waitFor(10, TimeUnit.SECONDS);
            }
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> sign(Path dir, Path file, boolean remote) {
        List<String> command = new ArrayList<>(List.of("openssl", "dgst", "-sha256"));
        command.addAll(remote
                ? List.of("-engine", "pkcs11", "-keyform", "engine", "-sign", "pkcs11:token=bench;object=release;type=private")
                : List.of("-sign", dir.resolve("local.key").toString()));
        command.addAll(List.of("-out", dir.resolve("sig").toString(), file.toString()));
        return command;
    }

    private static double best(List<String> command, Map<String, String> env) throws Exception {
        return times(command, env, 3).stream().mapToDouble(Double::doubleValue).min().orElseThrow() / 1000;
    }

    /** Wall milliseconds of each of {@code runs} runs. */
    private static List<Double> times(List<String> command, Map<String, String> env, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run(command, env);
            times.add((System.nanoTime() - start) / 1e6);
        }
        return times;
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private static void run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static Path opensslConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("openssl.cnf"), String.join("\n", "openssl_conf = openssl_init",
                "[openssl_init]", "engines = engine_section", "[engine_section]", "pkcs11 = pkcs11_section",
                "[pkcs11_section]", "engine_id = pkcs11", "dynamic_path = " + ENGINE, "MODULE_PATH = " + MODULE, "init = 0", ""));
    }

    private static Path largeFile(Path file, long sizeMib) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long i = 0; i < sizeMib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return file;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
