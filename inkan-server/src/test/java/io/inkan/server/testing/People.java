package io.inkan.server.testing;

import java.nio.file.Path;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;

/**
 * Named human principals that sign in with their own client certificate, registered by the
 * administrator: what a test needs when the actor must be a person (second factor, separation of
 * duties) and, since administrators cannot sign, must not be the bootstrap administrator.
 */
public final class People {

    private final TestServer server;
    private final ApiCaller admin;
    private final TestPki pki;
    private final Path dir;

    /** {@code pki} must be one the server trusts ({@code inkan.mtls.trusted-cas}); PKCS#12 files go to {@code dir}. */
    public People(TestServer server, ApiCaller admin, TestPki pki, Path dir) {
        this.server = server;
        this.admin = admin;
        this.pki = pki;
        this.dir = dir;
    }

    /** Creates {@code name}, binds {@code roles} in {@code project} and registers a new certificate for it. */
    public ApiCaller person(String name, String project, String... roles) {
        expect(admin.post("/api/v1/principals", Map.of("name", name, "kind", "human")), 201);
        for (String role : roles) {
            expect(admin.post("/api/v1/principals/" + name + "/roles", Map.of("role", role, "project", project)), 200);
        }
        Path p12 = dir.resolve(name + ".p12");
        expect(admin.post("/api/v1/principals/" + name + "/certificates",
                Map.of("certificate", TestPki.pem(pki.issue(name, p12)))), 201);
        return ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
    }
}
