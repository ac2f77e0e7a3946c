package io.inkan.server.tsa;

import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.SharedDatabase;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes on one PostgreSQL database issue time-stamps concurrently: they share one TSA key
 * and certificate, and no serial number is ever issued twice (RFC 3161 §2.4.2), also after a node
 * restarts with part of its reserved block unused.
 */
class TwoNodeSerialNumbersTest {

    private static final int THREADS_PER_NODE = 4;
    private static final int REQUESTS_PER_THREAD = 40;

    @Test
    void serialNumbersAreUniqueAcrossNodesSharingTheDatabase(@TempDir Path first, @TempDir Path second)
            throws Exception {
        try (SharedDatabase database = SharedDatabase.create(Map.of("inkan.tsa.burst", "100000"))) {
            Set<BigInteger> serials = new HashSet<>();
            List<BigInteger> all = new ArrayList<>();
            try (TestServer nodeA = database.startNode(first)) {
                String certificate;
                try (TestServer nodeB = database.startNode(second)) {
                    certificate = new TsaClient(nodeA).get("/tsa/certificate");
                    assertThat(new TsaClient(nodeB).get("/tsa/certificate")).isEqualTo(certificate);
                    all.addAll(concurrently(List.of(nodeA, nodeB)));
                }
                try (TestServer nodeB = database.startNode(second)) {
                    assertThat(new TsaClient(nodeB).get("/tsa/certificate")).as("same key after restart")
                            .isEqualTo(certificate);
                    all.addAll(concurrently(List.of(nodeA, nodeB)));
                }
            }
            serials.addAll(all);
            assertThat(all).hasSize(2 * 2 * THREADS_PER_NODE * REQUESTS_PER_THREAD);
            assertThat(serials).as("no serial issued twice").hasSameSizeAs(all);
        }
    }

    private static List<BigInteger> concurrently(List<TestServer> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * THREADS_PER_NODE);
        try {
            List<Future<List<BigInteger>>> done = new ArrayList<>();
            for (TestServer node : nodes) {
                TsaClient client = new TsaClient(node);
                for (int t = 0; t < THREADS_PER_NODE; t++) {
                    done.add(pool.submit(() -> timestampRepeatedly(client)));
                }
            }
            List<BigInteger> serials = new ArrayList<>();
            for (Future<List<BigInteger>> future : done) {
                serials.addAll(future.get());
            }
            return serials;
        } finally {
            pool.shutdown();
        }
    }

    private static List<BigInteger> timestampRepeatedly(TsaClient client) throws Exception {
        List<BigInteger> serials = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
            TimeStampRequest request = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256,
                    random.generateSeed(32), new BigInteger(64, random));
            TsaClient.Reply reply = client.post("/tsa", request.getEncoded(), null);
            assertThat(reply.status()).isEqualTo(200);
            TimeStampResponse response = new TimeStampResponse(reply.body());
            response.validate(request);
            serials.add(response.getTimeStampToken().getTimeStampInfo().getSerialNumber());
        }
        return serials;
    }
}
