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
 * one digest crosses the wire. Best of three runs each, so the page cache is warm for both.
 *
 * <p>Usage: {@code FileSigningBenchmark CLI_JAR [SIZE_MIB]} (default 1024).
 */
public final class FileSigningBenchmark {

    private static final int RUNS = 3;

    private FileSigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path cliJar = Path.of(args[0]).toAbsolutePath();
        long sizeMib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        Path dir = Files.createTempDirectory("inkan-file-bench");
        try (TestServer server = TestServer.start(dir.resolve("server"), Map.of())) {
            Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
            provisioning.project("bench");
            provisioning.keyAndProfile("bench", "release", KeyAlgorithm.EC_P256, "software");
            String token = provisioning.signerToken("bench");
            Path file = largeFile(dir.resolve("artifact.bin"), sizeMib);
            Map<String, String> env = Map.of("INKAN_SERVER", server.baseUrl().toString(), "INKAN_TOKEN", token,
                    "INKAN_CA", server.serverCertificate().toString(), "INKAN_CONFIG", dir.resolve("cfg.json").toString());

            double openssl = best(List.of("openssl", "dgst", "-sha256", file.toString()), Map.of());
            System.out.printf("file: %d MiB, %d cores%n", sizeMib, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-34s %7.2f s%n", "openssl dgst -sha256", openssl);
            for (String format : List.of("raw", "cms")) {
                List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", cliJar.toString(), "sign",
                        "--format", format, "--project", "bench", "--profile", "release",
                        "--output-dir", dir.resolve("out-" + format).toString(), file.toString()));
                double seconds = best(command, env);
                System.out.printf("%-34s %7.2f s  %.2fx openssl%n", "inkan sign --format " + format, seconds,
                        seconds / openssl);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double best(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
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
