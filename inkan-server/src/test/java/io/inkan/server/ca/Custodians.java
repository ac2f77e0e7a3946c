package io.inkan.server.ca;

import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;

/**
 * Named people holding the custodian role of a project, each signing in with their own client
 * certificate, as M-of-N activation needs: distinct, registered principals rather than shared tokens.
 */
final class Custodians {

    private Custodians() {
    }

    /**
     * Creates the principals, binds them as custodians of {@code project} and registers a client
     * certificate from {@code pki} (which the server must trust) for each; returns their callers by name.
     */
    static Map<String, ApiCaller> create(TestServer server, ApiCaller admin, TestPki pki, Path dir, String project,
                                         String... names) {
        Map<String, ApiCaller> callers = new LinkedHashMap<>();
        for (String name : names) {
            expect(admin.post("/api/v1/principals", Map.of("name", name, "kind", "human")), 201);
            expect(admin.post("/api/v1/principals/" + name + "/roles", Map.of("role", "custodian", "project", project)),
                    200);
            Path p12 = dir.resolve(name + ".p12");
            String pem = TestPki.pem(pki.issue(name, p12));
            expect(admin.post("/api/v1/principals/" + name + "/certificates", Map.of("certificate", pem)), 201);
            callers.put(name, ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false));
        }
        return callers;
    }
}
