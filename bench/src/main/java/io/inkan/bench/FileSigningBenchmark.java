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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Signing one large file with the real {@code inkan} command (a separate JVM, as users run it) next to
 * {@code openssl dgst -sha256} over the same file, which is the floor: local hashing dominates and only
 * one digest crosses the wire. Best of three runs each, so the page cache is warm for both. Besides the
 * wall time it reports the CPU time (user + system) of each command, which a busy machine distorts much
 * less; the CLI runs through its launcher {@code bin/inkan} (serial GC, class-data-sharing archive) and,
 * for comparison, as a plain {@code java -jar}. A 1 KiB file shows the fixed cost of one command: JVM start, TLS,
 * the look-ups and the signing request. Two rows put the CLI's figure in proportion: a JVM that only runs the
 * CLI's {@code FileDigester} over the file (how close Java hashing comes to openssl), and the least time the
 * CLI could take if its hashing and its fixed work shared the cores perfectly.
 *
 * <p>Usage: {@code FileSigningBenchmark CLI_JAR [SIZE_MIB]} (default 1024).
 */
public final class FileSigningBenchmark {

    private static final int RUNS = 3;

    private FileSigningBenchmark() {
    }

    /** Best wall time and best CPU time of the runs of one command. */
    private record Timing(double wallSeconds, double cpuSeconds) {
    }

    public static void main(String[] args) throws Exception {
        Path cliJar = Path.of(args[0]).toAbsolutePath();
        Path launcher = cliJar.getParent().getParent().getParent().resolve("bin").resolve("inkan");
        long sizeMib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        Path dir = Files.createTempDirectory("inkan-file-bench");
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of())) {
            Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
            provisioning.project("bench");
            provisioning.keyAndProfile("bench", "release", KeyAlgorithm.EC_P256, "software");
            String token = provisioning.signerToken("bench");
            Path file = largeFile(dir.resolve("artifact.bin"), sizeMib);
            Map<String, String> env = Map.of("INKAN_SERVER", server.baseUrl().toString(), "INKAN_TOKEN", token,
                    "INKAN_CA", server.serverCertificate().toString(), "INKAN_CONFIG", dir.resolve("cfg.json").toString(),
                    "JAVA_HOME", System.getProperty("java.home"));

            Timing openssl = best(List.of("openssl", "dgst", "-sha256", file.toString()), Map.of());
            System.out.printf("file: %d MiB, %d cores%n", sizeMib, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-36s %7s %6s %8s %6s%n", "", "wall s", "ratio", "CPU s", "ratio");
            print("openssl dgst -sha256", openssl, openssl);
            Timing digestOnly = best(digestOnlyCommand(file), Map.of());
            print("java, FileDigester only (no server)", digestOnly, openssl);
            for (String format : List.of("raw", "cms")) {
                List<String> arguments = List.of("sign", "--format", format, "--project", "bench", "--profile",
                        "release", "--output-dir", dir.resolve("out-" + format).toString(), file.toString());
                List<String> viaLauncher = new ArrayList<>(List.of(launcher.toString()));
                viaLauncher.addAll(arguments);
                print("bin/inkan sign --format " + format, best(viaLauncher, env), openssl);
                if (format.equals("raw")) {
                    List<String> plain = new ArrayList<>(List.of(javaExecutable(), "-jar", cliJar.toString()));
                    plain.addAll(arguments);
                    print("java -jar inkan-cli.jar sign (raw)", best(plain, env), openssl);
                }
            }
            Path tiny = Files.write(dir.resolve("tiny.bin"), new byte[1024]);
            Timing fixed = best(List.of(launcher.toString(), "sign", "--format", "raw", "--project", "bench", "--profile",
                    "release", "--output-dir", dir.resolve("out-tiny").toString(), tiny.toString()), env);
            System.out.printf("%-36s %7.2f %6s %8.2f%n", "bin/inkan sign, 1 KiB (fixed cost)", fixed.wallSeconds(), "",
                    fixed.cpuSeconds());
            printLowerBound(digestOnly, best(digestOnlyCommand(tiny), Map.of()), fixed, openssl);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> digestOnlyCommand(Path file) {
        return List.of(javaExecutable(), "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                DigestOnly.class.getName(), file.toString());
    }

    /**
     * The least wall time {@code inkan sign} could take on this machine: the CPU of hashing in a JVM (the
     * large file's digest-only run less the same JVM on a 1 KiB file) plus the CPU of one complete small
     * signing command, spread perfectly over all cores. Real runs cannot reach it: hashing starts only
     * after the JVM has started and parsed the command, and the signing request can only follow it.
     */
    private static void printLowerBound(Timing digestOnly, Timing digestOnlyTiny, Timing fixed, Timing openssl) {
        int cores = Runtime.getRuntime().availableProcessors();
        double cpu = digestOnly.cpuSeconds() - digestOnlyTiny.cpuSeconds() + fixed.cpuSeconds();
        System.out.printf("%-36s %7.2f %5.2fx %8.2f   (hashing CPU + fixed CPU over %d cores)%n", "lower bound for inkan sign",
                cpu / cores, cpu / cores / openssl.wallSeconds(), cpu, cores);
    }

    private static void print(String label, Timing timing, Timing openssl) {
        System.out.printf("%-36s %7.2f %5.2fx %8.2f %5.2fx%n", label, timing.wallSeconds(),
                timing.wallSeconds() / openssl.wallSeconds(), timing.cpuSeconds(), timing.cpuSeconds() / openssl.cpuSeconds());
    }

    /** Runs the command under bash, whose {@code times} reports the CPU time its children used. */
    private static Timing best(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        String quoted = String.join(" ", command.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").toList());
        for (int i = 0; i < RUNS; i++) {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", quoted + " >/dev/null || exit 1; times")
                    .redirectErrorStream(true);
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
            wall = Math.min(wall, (System.nanoTime() - start) / 1e9);
            cpu = Math.min(cpu, childrenCpuSeconds(output));
        }
        return new Timing(wall, cpu);
    }

    /** The second line of bash's {@code times}: children's user and system time, e.g. {@code 0m1.234s 0m0.210s}. */
    private static double childrenCpuSeconds(String times) {
        String[] lines = times.strip().split("\n");
        double seconds = 0;
        for (String value : lines[lines.length - 1].trim().split("\\s+")) {
            int m = value.indexOf('m');
            seconds += Integer.parseInt(value.substring(0, m)) * 60
                    + Double.parseDouble(value.substring(m + 1, value.length() - 1).replace(',', '.'));
        }
        return seconds;
    }

    private static Path largeFile(Path file, long sizeMib) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long i = 0; i < sizeMib; i++) {
                for (int j = 0; j < block.length; j += 8) {
                    long value = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        block[j + k] = (byte) (value >>> (8 * k));
                    }
                }
                out.write(block);
            }
        }
        return file;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
