package io.inkan.server.audit;

import io.inkan.client.audit.TreeHead;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.PostgresDatabase;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent appenders extend one chain (decision 005): two server nodes on one PostgreSQL database, and
 * many request threads on one node with the embedded H2 database (which locks the head with a different
 * statement, decision 014). Checkpoints are signed meanwhile, and the trail verifies intact with exactly
 * one record per signing request, on every node; the checkpoints form one Merkle tree (issue 14), proven
 * through both nodes' proofs API.
 */
class ConcurrentAuditTest {

    private static final int THREADS_PER_NODE = 4;
    private static final int REQUESTS_PER_THREAD = 15;

    @Test
    void concurrentNodesExtendOneIntactChain(@TempDir Path first, @TempDir Path second) throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create()) {
            Map<String, String> shared = new HashMap<>(database.properties());
            byte[] masterKey = new byte[32];
            new SecureRandom().nextBytes(masterKey);
            shared.put("inkan.software-token.master-key", Base64.getEncoder().encodeToString(masterKey));
            shared.put("inkan.audit.checkpoint-every", "7");
            try (TestServer nodeA = TestServer.start(first, shared); TestServer nodeB = TestServer.start(second, shared)) {
                ApiCaller adminA = new ApiCaller(nodeA, nodeA.adminToken());
                Provisioning provisioning = Provisioning.audited(nodeA);
                provisioning.project("shared");
                provisioning.keyAndProfile("shared", "ec", KeyAlgorithm.EC_P256, "software");
                String signer = provisioning.signerToken("shared");
                long before = expect(adminA.get("/api/v1/audit/verify"), 200).json().get("lastSeq").asLong();

                List<ApiCaller> callers = new ArrayList<>();
                for (TestServer node : List.of(nodeA, nodeB)) {
                    for (int t = 0; t < THREADS_PER_NODE; t++) {
                        callers.add(new ApiCaller(node, signer));
                    }
                }
                signConcurrently(callers);

                JsonNode verdict = expect(new ApiCaller(nodeB, nodeA.adminToken()).get("/api/v1/audit/verify"), 200).json();
                assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
                assertThat(verdict.get("lastSeq").asLong())
                        .isEqualTo(before + 2L * THREADS_PER_NODE * REQUESTS_PER_THREAD);
                assertThat(verdict.get("lastCheckpointSeq").asLong()).isGreaterThan(before);
                JsonNode onA = expect(adminA.get("/api/v1/audit/verify"), 200).json();
                assertThat(onA.get("intact").asBoolean()).as(onA.toString()).isTrue();
                assertOneConsistentTree(nodeA.bean(JdbcClient.class),
                        List.of(new LogAuditor(adminA), new LogAuditor(new ApiCaller(nodeB, nodeA.adminToken()))));
            }
        }
    }

    @Test
    void concurrentRequestsOnOneH2NodeExtendOneIntactChain(@TempDir Path dataDir) throws Exception {
        try (TestServer node = TestServer.start(dataDir, Map.of("inkan.audit.checkpoint-every", "7"))) {
            ApiCaller admin = new ApiCaller(node, node.adminToken());
            Provisioning provisioning = Provisioning.audited(node);
            provisioning.project("shared");
            provisioning.keyAndProfile("shared", "ec", KeyAlgorithm.EC_P256, "software");
            ApiCaller caller = new ApiCaller(node, provisioning.signerToken("shared"));
            long before = expect(admin.get("/api/v1/audit/verify"), 200).json().get("lastSeq").asLong();

            int threads = 2 * THREADS_PER_NODE;
            signConcurrently(Collections.nCopies(threads, caller));

            JsonNode verdict = expect(admin.get("/api/v1/audit/verify"), 200).json();
            assertThat(verdict.get("intact").asBoolean()).as(verdict.toString()).isTrue();
            assertThat(verdict.get("lastSeq").asLong()).isEqualTo(before + (long) threads * REQUESTS_PER_THREAD);
            assertThat(verdict.get("lastCheckpointSeq").asLong()).isGreaterThan(before);
            assertOneConsistentTree(node.bean(JdbcClient.class), List.of(new LogAuditor(admin)));
        }
    }

    /**
     * Every checkpoint's signed root is the naive RFC 9162 root of the records it covers, consecutive
     * checkpoints are proven consistent, and every record is proven included in the newest checkpoint, asking
     * the nodes in turn: however the appends interleaved, the nodes built one tree.
     */
    private static void assertOneConsistentTree(JdbcClient jdbc, List<LogAuditor> nodes) {
        List<Long> sizes = LogAuditor.checkpointSizes(jdbc);
        List<String> hashes = LogAuditor.recordHashes(jdbc);
        assertThat(sizes).hasSizeGreaterThan(2);
        TreeHead previous = null;
        for (int i = 0; i < sizes.size(); i++) {
            LogAuditor auditor = nodes.get(i % nodes.size());
            TreeHead head = auditor.checkpoint(sizes.get(i));
            assertThat(head.root()).as("checkpoint of %d records", head.size())
                    .isEqualTo(LogAuditor.naiveRoot(hashes.subList(0, (int) head.size())));
            if (previous != null) {
                auditor.assertConsistent(previous, head);
            }
            previous = head;
        }
        for (long record = 1; record <= previous.size(); record++) {
            nodes.get((int) (record % nodes.size())).assertIncluded(record, previous, hashes.get((int) record - 1));
        }
    }

    /** One thread per caller, each signing {@link #REQUESTS_PER_THREAD} digests one request at a time. */
    private static void signConcurrently(List<ApiCaller> callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers.size());
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (ApiCaller caller : callers) {
                done.add(pool.submit(() -> signRepeatedly(caller)));
            }
            for (Future<Integer> future : done) {
                assertThat(future.get()).isEqualTo(REQUESTS_PER_THREAD);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static int signRepeatedly(ApiCaller caller) {
        byte[] digest = new byte[32];
        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
            new SecureRandom().nextBytes(digest);
            expect(caller.post("/api/v1/projects/shared/profiles/ec/sign", Map.of("algorithm", "ECDSA_SHA256",
                    "items", List.of(Map.of("digest", Base64.getEncoder().encodeToString(digest))))), 200);
        }
        return REQUESTS_PER_THREAD;
    }
}
