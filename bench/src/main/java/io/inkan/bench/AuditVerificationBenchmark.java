package io.inkan.bench;

import io.inkan.client.audit.AuditChain;
import io.inkan.client.audit.AuditEntry;
import io.inkan.client.audit.AuditExport;
import io.inkan.client.audit.AuditVerification;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.BulkTrail;
import io.inkan.server.audit.Outcome;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TestServer;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How long proving a large trail intact takes: a server's trail is grown to N records (default one
 * million) by a bulk generator that chains records exactly as the append path does (same
 * {@link AuditChain}), a real append then signs a checkpoint over all of them, and the benchmark times
 * the server's verification through the API (database read included) and the offline verification of a
 * complete export.
 *
 * <p>Usage: {@code bench/run.sh audit [--records N]}.
 */
public final class AuditVerificationBenchmark {

    private static final int BATCH = 5_000;
    private static final String[] ACTIONS = {"sign", "sign", "sign", "authenticate", "key.read", "token.create"};

    private AuditVerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = args.length == 2 && args[0].equals("--records") ? Long.parseLong(args[1]) : 1_000_000;
        Path dataDir = Files.createTempDirectory("inkan-audit-bench");
        try (TestServer server = TestServer.start(dataDir, Map.of("inkan.audit.checkpoint-every", "1000",
                "inkan.audit.checkpoint-interval", "1h"))) {
            ApiCaller admin = new ApiCaller(server, server.adminToken());
            long started = System.nanoTime();
            long total = grow(server, records);
            server.bean(AuditLog.class).record("bench", AuditAction.AUDIT_READ, Outcome.SUCCESS, null,
                    "checkpoint over the bulk");
            System.out.printf("Inkan audit verification benchmark: %d records (generated in %.1f s), %d cores, %s%n%n",
                    total + 1, seconds(started), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

            long online = System.nanoTime();
            ApiCaller.Response response = admin.get("/api/v1/audit/verify");
            double onlineSeconds = seconds(online);
            AuditVerification verdict = JsonMapper.builder().build().readValue(response.body(), AuditVerification.class);
            report("API (GET /api/v1/audit/verify, H2 read included)", verdict, onlineSeconds);

            Path export = dataDir.resolve("trail.jsonl");
            long exporting = System.nanoTime();
            download(server, "/api/v1/audit/export", export);
            double exportSeconds = seconds(exporting);
            PublicKey key = publicKey(admin.get("/api/v1/audit/public-key").body());
            long offline = System.nanoTime();
            AuditVerification offlineVerdict = AuditExport.verify(export, key);
            report("offline (inkan audit verify --export, " + Files.size(export) / (1024 * 1024) + " MiB, export took "
                    + String.format("%.1f s", exportSeconds) + ")", offlineVerdict, seconds(offline));
            BulkTrail.ProofTimes proofs = BulkTrail.timeProofs(server, 2000);
            System.out.printf("%nproofs at %,d records, server time (tree reads included), mean of %d each:"
                            + " inclusion %.3f ms, consistency %.3f ms%n", proofs.size(), proofs.count(),
                    proofs.inclusionMillis(), proofs.consistencyMillis());
        }
    }

    /** Appends {@code count} chained, promised records after the current head, with a checkpoint every 1000. */
    private static long grow(TestServer server, long count) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
        HexFormat hex = HexFormat.of();
        byte[] digest = new byte[32];
        long first = server.bean(JdbcClient.class).sql("SELECT seq FROM audit_head WHERE id = 1").query(Long.class).single();
        return BulkTrail.grow(server, count, 1000, (seq, previous) -> {
            String action = ACTIONS[(int) (seq % ACTIONS.length)];
            boolean sign = action.equals("sign");
            digest[(int) (seq % 32)]++;
            String data = sign ? AuditChain.canonicalJson(Map.of("algorithm", "ECDSA_SHA256", "profile", "release",
                    "key", "release", "keyHandle", "inkan-0123456789abcdef0123456789abcdef", "token", "software",
                    "count", 1, "items", List.of(Map.of("artifact", "app-" + seq + ".jar", "digest", hex.formatHex(digest)))))
                    : null;
            return new AuditEntry(seq, time.plusMillis(seq - first).toString(), "ci (" + (seq % 7) + ")",
                    "10.0.0." + (seq % 250), action, sign || seq % 5 != 0 ? "SUCCESS" : "DENIED", "bench",
                    sign ? "1 signature(s), profile 'release'" : action + " of bench", data, previous, null);
        });
    }

    private static void report(String how, AuditVerification verdict, double seconds) {
        System.out.printf("%-90s %6.2f s  %,10.0f records/s  %s%n", how, seconds, verdict.records() / seconds,
                verdict.intact() ? "INTACT (" + verdict.message() + ")" : "FAILED: " + verdict.message());
    }

    /** Streams a response body to a file; a complete export of a million records does not fit a String. */
    private static void download(TestServer server, String path, Path file) throws Exception {
        HttpResponse<Path> response = ApiCaller.trusting(server.serverCertificate()).send(
                HttpRequest.newBuilder(server.baseUrl().resolve(path))
                        .header("Authorization", "Bearer " + server.adminToken()).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export failed with HTTP " + response.statusCode());
        }
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
