package io.inkan.bench;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.Keys;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.projects.Projects;
import io.inkan.server.sam.RawTokenSigning;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Hash-signing throughput and latency through the HTTPS API, next to the raw token (same token, same
 * JVM, no HTTP) measured in the same run, so the ratio says what the service costs on this machine.
 *
 * <p>Usage: {@code bench/run.sh [--token software|pkcs11] [--seconds N] [--clients 1,4,16] [--keys rsa,ec]
 * [--batches 1,100]}. The load
 * generator runs in the server's JVM and shares its cores, so API figures are conservative.
 */
public final class HashSigningBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration WARM_UP_STEP = Duration.ofMillis(500);
    private static final long SETTLED_MILLIS = 25;
    private static final int MAX_WARM_UP_ROUNDS = 60;
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Options options;
    private final TestServer server;
    private final HttpClient http;
    private final String signerToken;

    private HashSigningBenchmark(Options options, TestServer server, HttpClient http, String signerToken) {
        this.options = options;
        this.server = server;
        this.http = http;
        this.signerToken = signerToken;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dataDir = Files.createTempDirectory("inkan-bench");
        try (TestServer server = TestServer.start(dataDir, TokenSetup.serverProperties(options.token()))) {
            Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
            provisioning.project("bench");
            for (Scenario.Key key : Scenario.Key.values()) {
                provisioning.keyAndProfile("bench", key.profile(), key.algorithm(), TokenSetup.tokenName(options.token()));
            }
            HttpClient http = ApiCaller.trusting(server.serverCertificate(), options.httpVersion());
            HashSigningBenchmark benchmark = new HashSigningBenchmark(options, server, http,
                    provisioning.signerToken("bench"));
            benchmark.run();
        }
    }

    private void run() throws Exception {
        System.out.printf("Inkan hash-signing benchmark: token=%s, %s, %d s per measurement, %d cores, %s%n%n",
                options.token(), options.httpVersion(), options.seconds(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("| key | batch | clients | raw sig/s | API sig/s | ratio | API p50 ms | API p99 ms | API CPU µs/sig |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Scenario.Key key : options.keys()) {
            warmUp(key);
            for (int clients : options.clients()) {
                double raw = rawThroughput(key, clients);
                for (int batch : options.batches()) {
                    Measurement api = apiThroughput(key, batch, clients);
                    System.out.printf("| %s | %d | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.0f |%n", key.algorithm(),
                            batch, clients, raw, api.signaturesPerSecond(), api.signaturesPerSecond() / raw, api.p50Millis(),
                            api.p99Millis(), api.cpuMicrosPerSignature());
                }
            }
        }
    }

    /**
     * Runs every measured shape (each batch size with the most clients, and the raw token) in rounds until the
     * JIT compilers have settled, that is compiled for less than {@link #SETTLED_MILLIS} in a round, or
     * {@link #MAX_WARM_UP_ROUNDS} rounds have passed. The server's request path is large: after a fixed
     * warm-up of a few seconds, C2 went on compiling it for tens of seconds on 2 cores, and the first
     * measurements paid for that instead of showing the steady state.
     */
    private void warmUp(Scenario.Key key) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int clients = options.clients().stream().max(Integer::compare).orElse(1);
        SigningKey signingKey = signingKey(key);
        long compiled = jit.getTotalCompilationTime();
        for (int round = 0; round < MAX_WARM_UP_ROUNDS; round++) {
            for (int batch : options.batches()) {
                HttpRequest request = signRequest(key, batch);
                measure(clients, WARM_UP_STEP, () -> {
                    send(request);
                    return batch;
                });
            }
            measure(clients, WARM_UP_STEP, () -> {
                rawSign(signingKey, key);
                return 1;
            });
            long now = jit.getTotalCompilationTime();
            if (now - compiled < SETTLED_MILLIS) {
                return;
            }
            compiled = now;
        }
    }

    /** Signatures per second straight through the token with {@code threads} threads. */
    private double rawThroughput(Scenario.Key key, int threads) throws Exception {
        SigningKey signingKey = signingKey(key);
        RawTokenSigning signer = new RawTokenSigning(server);
        byte[] digest = digest(key.signatureAlgorithm());
        return measure(threads, () -> {
            signer.sign(signingKey, key.signatureAlgorithm(), digest);
            return 1;
        }).signaturesPerSecond();
    }

    private Measurement apiThroughput(Scenario.Key key, int batch, int clients) throws Exception {
        HttpRequest request = signRequest(key, batch);
        return measure(clients, () -> {
            send(request);
            return batch;
        });
    }

    private Measurement measure(int threads, Operation operation) throws Exception {
        return measure(threads, Duration.ofSeconds(options.seconds()), operation);
    }

    private Measurement measure(int threads, Duration duration, Operation operation) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Worker>> workers = new ArrayList<>();
            long cpuStart = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> new Worker().run(operation, deadline)));
            }
            List<Long> latencies = new ArrayList<>();
            long signatures = 0;
            for (Future<Worker> future : workers) {
                Worker worker = future.get();
                signatures += worker.signatures;
                latencies.addAll(worker.latencies);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicros = (PROCESS.getProcessCpuTime() - cpuStart) / 1e3;
            return Measurement.of(signatures / seconds, cpuMicros / Math.max(1, signatures), latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    private void rawSign(SigningKey signingKey, Scenario.Key key) {
        new RawTokenSigning(server).sign(signingKey, key.signatureAlgorithm(), digest(key.signatureAlgorithm()));
    }

    private SigningKey signingKey(Scenario.Key key) {
        return server.bean(Keys.class).get(server.bean(Projects.class).get("bench"), key.profile());
    }

    private HttpRequest signRequest(Scenario.Key key, int batch) {
        String items = IntStream.range(0, batch)
                .mapToObj(i -> "{\"digest\":\"" + Base64.getEncoder().encodeToString(digest(key.signatureAlgorithm()))
                        + "\",\"artifact\":\"artifact-" + i + ".jar\"}")
                .collect(Collectors.joining(","));
        String body = "{\"algorithm\":\"" + key.signatureAlgorithm() + "\",\"items\":[" + items + "]}";
        URI uri = server.baseUrl().resolve("/api/v1/projects/bench/profiles/" + key.profile() + "/sign");
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + signerToken)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("signing failed: HTTP " + response.statusCode() + " "
                    + new String(response.body()));
        }
    }

    private static byte[] digest(SignatureAlgorithm algorithm) {
        byte[] message = new byte[64];
        RANDOM.nextBytes(message);
        return algorithm.digest().newDigest().digest(message);
    }

    /** One unit of work returning how many signatures it produced. */
    private interface Operation {
        int call() throws Exception;
    }

    /** Runs an operation in a loop until the deadline, timing each call. */
    private static final class Worker {
        final List<Long> latencies = new ArrayList<>();
        long signatures;

        Worker run(Operation operation, long deadline) throws Exception {
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                signatures += operation.call();
                latencies.add(System.nanoTime() - start);
            }
            return this;
        }
    }

    /**
     * Throughput, latency percentiles and the CPU time this JVM (server and load generator) spent per
     * signature. On a virtual machine whose thread wake-ups vary from run to run, the throughput of one
     * client varied by ±30% between runs of the same build; the CPU per signature varies far less, and at
     * saturation it is what bounds the throughput.
     */
    private record Measurement(double signaturesPerSecond, double p50Millis, double p99Millis, double cpuMicrosPerSignature) {
        static Measurement of(double perSecond, double cpuMicrosPerSignature, List<Long> latencies) {
            List<Long> sorted = latencies.stream().sorted().toList();
            return new Measurement(perSecond, percentile(sorted, 0.50), percentile(sorted, 0.99), cpuMicrosPerSignature);
        }

        private static double percentile(List<Long> sorted, double p) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
        }
    }

    /** Command-line options. */
    private record Options(String token, int seconds, List<Integer> clients, HttpClient.Version httpVersion,
                           List<Scenario.Key> keys, List<Integer> batches) {
        static Options parse(String[] args) {
            Map<String, String> values = new java.util.HashMap<>(Map.of("--token", "pkcs11", "--seconds", "5",
                    "--clients", "1,4,16", "--http", "2", "--keys", "rsa,ec", "--batches", "1,100"));
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!values.containsKey(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                values.put(args[i], args[i + 1]);
            }
            List<Integer> clients = java.util.Arrays.stream(values.get("--clients").split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
            HttpClient.Version version = switch (values.get("--http")) {
                case "1.1" -> HttpClient.Version.HTTP_1_1;
                case "2" -> HttpClient.Version.HTTP_2;
                default -> throw new IllegalArgumentException("--http must be 1.1 or 2");
            };
            List<Scenario.Key> keys = java.util.Arrays.stream(values.get("--keys").split(","))
                    .map(name -> Scenario.Key.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT))).toList();
            List<Integer> batches = java.util.Arrays.stream(values.get("--batches").split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
            return new Options(values.get("--token"), Integer.parseInt(values.get("--seconds")), clients, version,
                    keys, batches);
        }
    }
}
