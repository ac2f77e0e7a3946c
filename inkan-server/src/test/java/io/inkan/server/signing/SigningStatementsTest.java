package io.inkan.server.signing;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.Digests;
import io.inkan.server.testkit.ProfileApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the SQL statements one single-digest signing request costs (issue 5: throughput with the audit
 * trail within 10% of the foundation). H2 counts every statement it executes; the test signs a number of
 * times and divides, so a change that adds a query to the hot path fails here instead of in a benchmark.
 * Token, project, profile and key rows come from the configuration cache (decision 013); before it, a
 * request cost 8 statements, and 4 before the head moved by compare-and-set (decision 015).
 */
class SigningStatementsTest {

    private static final int REQUESTS = 50;

    @TempDir
    static Path dir;

    static TestServer server;
    static ApiCaller signer;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, Map.of());
        Provisioning provisioning = new Provisioning(new ApiCaller(server, server.adminToken()));
        provisioning.project("hot");
        provisioning.keyAndProfile("hot", "ec", KeyAlgorithm.EC_P256, "software");
        signer = new ApiCaller(server, server.adminToken()).as(provisioning.signerToken("hot"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSingleDigestCostsOnlyTheAuditAppendOnceCachesAreWarm() throws Exception {
        sign();
        awaitFullConnectionPool();
        JdbcClient jdbc = server.bean(JdbcClient.class);
        jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 1000").update();
        for (int i = 0; i < REQUESTS; i++) {
            sign();
        }
        List<Map<String, Object>> statistics = jdbc.sql(
                        "SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")
                .query().listOfRows();
        jdbc.sql("SET QUERY_STATISTICS FALSE").update();
        long total = 0;
        long commits = 0;
        StringBuilder breakdown = new StringBuilder();
        for (Map<String, Object> row : statistics) {
            String sql = String.valueOf(row.get("SQL_STATEMENT"));
            if (sql.contains("QUERY_STATISTICS")) {
                continue;
            }
            long count = ((Number) row.get("EXECUTION_COUNT")).longValue();
            if (sql.equals("COMMIT")) {
                commits += count;
            } else {
                total += count;
            }
            breakdown.append(String.format("%6.2f  %s%n", (double) count / REQUESTS, sql.replaceAll("\\s+", " ")));
        }
        System.out.printf("SQL statements per single-digest signing request: %.2f (and %.2f COMMIT)%n%s",
                (double) total / REQUESTS, (double) commits / REQUESTS, breakdown);
        // The configuration generation, then the audit append: move the head from where this node left it
        // (decision 015), insert the record.
        assertThat((double) total / REQUESTS).as(breakdown.toString()).isEqualTo(3.0);
    }

    /**
     * The pool opens its connections in the background after start-up, each with its own set-up statements;
     * counted while it still fills, they would be charged to the requests.
     */
    private static void awaitFullConnectionPool() throws InterruptedException {
        HikariDataSource dataSource = server.bean(HikariDataSource.class);
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (pool.getTotalConnections() < dataSource.getMaximumPoolSize()) {
            assertThat(Instant.now()).as("connection pool filled").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static void sign() {
        ApiCaller.Response response = ProfileApi.of(signer, "hot", "ec").sign(List.of(Digests.sha256(new byte[] {1, 2, 3})));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
