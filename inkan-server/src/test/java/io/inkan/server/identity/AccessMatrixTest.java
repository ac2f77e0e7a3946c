package io.inkan.server.identity;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.KeyImports;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the code against the access matrix in docs/security.md: every row (endpoint) is called as
 * every column (role) against a real server, and every {@code /api} endpoint of the server must have a
 * row. The "other" column is a principal authenticated by client certificate holding every project role
 * in another project, so project isolation is checked for a multi-role principal too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private static final Path TABLE = Path.of("..", "docs", "security.md");
    private static final List<String> COLUMNS = List.of("admin", "signer", "approver", "custodian", "auditor", "other", "none");
    private static final String DIGEST = "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=";

    private final Map<String, ApiCaller> callers = new LinkedHashMap<>();
    private final AtomicInteger unique = new AtomicInteger();
    private TestServer server;
    private ApiCaller admin;
    private TestPki pki;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path tempDir) {
        dir = tempDir;
        pki = new TestPki("matrix-ca");
        Path ca = pki.writeCertificate(dir.resolve("ca.pem"));
        server = TestServer.start(dir.resolve("server"), Map.of("inkan.mtls.trusted-cas[0]", ca.toString(),
                "inkan.ca.trust-anchors[0]", ca.toString(), "inkan.ca.project", "alpha",
                "inkan.ca.root-min-custodians", "1", "inkan.audit.checkpoint-every", "3",
                "inkan.outbound.allowed-networks[0]", "127.0.0.0/8"));
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = new Provisioning(admin);
        provisioning.project("alpha");
        provisioning.project("beta");
        provisioning.keyAndProfile("alpha", "ec", KeyAlgorithm.EC_P256, "software");
        expect(admin.as(provisioning.token("alpha", "custodian")).post("/api/v1/projects/alpha/profiles/ec/timestamping",
                Map.of("authority", "builtin")), 200);
        provisioning.keyAndProfile("alpha", "gated", KeyAlgorithm.EC_P256, "software");
        expect(provisioning.custodian("alpha").put("/api/v1/projects/alpha/profiles/gated/policy",
                Map.of("approvalsRequired", 1)), 200);
        callers.put("admin", admin);
        for (String role : List.of("signer", "approver", "custodian", "auditor")) {
            callers.put(role, admin.as(provisioning.token("alpha", role)));
        }
        expect(admin.post("/api/v1/principals", Map.of("name", "outsider", "kind", "machine")), 201);
        for (String role : List.of("signer", "approver", "custodian", "auditor")) {
            expect(admin.post("/api/v1/principals/outsider/roles", Map.of("role", role, "project", "beta")), 200);
        }
        Path p12 = dir.resolve("outsider.p12");
        String pem = TestPki.pem(pki.issue("outsider", p12));
        expect(admin.post("/api/v1/principals/outsider/certificates", Map.of("certificate", pem)), 201);
        callers.put("other", ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false));
        callers.put("none", admin.as(null));
        expect(admin.post("/api/v1/principals", Map.of("name", "target", "kind", "human")), 201);
        expect(admin.post("/api/v1/principals/target/roles", Map.of("role", "auditor", "project", "alpha")), 200);
        privateCa(provisioning);
    }

    /**
     * Makes alpha the CA project with a root and an intermediate (one-custodian ceremony, allowed here by
     * configuration), and gives key "ec" a CA-issued certificate, so the CA rows have something to act on.
     */
    private void privateCa(Provisioning provisioning) {
        ApiCaller custodian = callers.get("custodian");
        expect(admin.post("/api/v1/principals", Map.of("name", "keeper", "kind", "human")), 201);
        expect(admin.post("/api/v1/principals/keeper/roles", Map.of("role", "custodian", "project", "alpha")), 200);
        Path p12 = dir.resolve("keeper.p12");
        expect(admin.post("/api/v1/principals/keeper/certificates", Map.of("certificate", TestPki.pem(pki.issue("keeper", p12)))), 201);
        ApiCaller keeper = ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
        for (String key : List.of("ca-root", "ca-issuing")) {
            expect(custodian.post("/api/v1/projects/alpha/keys", Map.of("name", key, "algorithm", "EC_P256")), 201);
        }
        expect(custodian.post("/api/v1/projects/alpha/keys/ca-root/activation-policy", Map.of("required", 1,
                "custodians", List.of("keeper"), "window", "PT1H", "maxUses", 1000)), 200);
        expect(keeper.post("/api/v1/projects/alpha/keys/ca-root/activations", Map.of()), 200);
        expect(keeper.post("/api/v1/ca/authorities", Map.of("name", "root", "key", "ca-root", "subject", "CN=Matrix Root")), 201);
        expect(keeper.post("/api/v1/ca/authorities", Map.of("name", "issuing", "key", "ca-issuing", "parent", "root",
                "subject", "CN=Matrix Issuing")), 201);
        expect(custodian.post("/api/v1/projects/alpha/keys/ec/certificate/issue", Map.of("authority", "issuing")), 200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOnEveryEndpointAsDocumented() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows()) {
            for (int column = 0; column < COLUMNS.size(); column++) {
                String role = COLUMNS.get(column);
                String expected = row.cells().get(column);
                tests.add(DynamicTest.dynamicTest(row.endpoint() + " as " + role + " -> " + expected,
                        () -> check(row, role, expected)));
            }
        }
        return tests.stream();
    }

    @Test
    void everyApiEndpointHasARow() throws IOException {
        RequestMappingHandlerMapping mapping = server.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> served = new TreeSet<>();
        mapping.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + normalise(pattern)))));
        Set<String> documented = new TreeSet<>();
        rows().forEach(row -> documented.add(normalise(row.endpoint())));
        assertThat(documented).isEqualTo(served);
    }

    private void check(Row row, String role, String expected) {
        ApiCaller caller = callers.get(role);
        String method = row.endpoint().split(" ")[0];
        String path = row.endpoint().split(" ")[1]
                .replace("{project}", "alpha").replace("{key}", key(row.family(), role)).replace("{profile}", "ec")
                .replace("{authority}", "root")
                .replace("{principal}", "target").replace("{token}", freshTokenId())
                .replace("{month}", java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString());
        if (row.family().equals("audit.log") && path.contains("/proof/")) {
            path += path.endsWith("inclusion") ? "?record=1" : "?from=3";
        }
        if (path.contains("{request}")) {
            path = path.replace("{request}", freshRequestId(row.family().equals("signing-request.sad")));
        }
        if (path.contains("{webhook}")) {
            path = path.replace("{webhook}", expect(callers.get("custodian").post("/api/v1/projects/alpha/webhooks",
                    body("webhook.create")), 201).json().get("id").asString());
        }
        ApiCaller.Response response = method.equals("GET") ? caller.get(path)
                : method.equals("DELETE") ? caller.delete(path)
                : row.family().equals("timestamp") ? caller.post(path, "application/timestamp-query", "not a query")
                : method.equals("PUT") ? caller.put(path, body(row.family()))
                : caller.post(path, body(row.family()));
        if (expected.equals("allow")) {
            assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        } else {
            assertThat(response.status()).as(response.toString()).isEqualTo(Integer.parseInt(expected));
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private Object body(String family) {
        String name = "m" + unique.incrementAndGet();
        return switch (family) {
            case "project.create" -> Map.of("name", name);
            case "principal.create" -> Map.of("name", name, "kind", "machine");
            case "role.bind" -> Map.of("role", "approver", "project", "alpha");
            case "role.unbind" -> Map.of("role", "auditor", "project", "alpha");
            case "certificate.add" -> Map.of("certificate", TestPki.pem(pki.issue(name, dir.resolve(name + ".p12"))));
            case "token.create" -> Map.of("name", name, "role", "signer", "project", "alpha");
            case "key.create" -> Map.of("name", name, "algorithm", "EC_P256");
            case "profile.create" -> Map.of("name", name, "key", "ec");
            case "sign" -> Map.of("algorithm", "ECDSA_SHA256", "items", List.of(Map.of("digest", DIGEST)));
            case "key.import" -> importBody(name);
            case "profile.rotate" -> Map.of("key", freshKey(name));
            case "profile.timestamping" -> Map.of("authority", "builtin");
            case "key.csr", "key.activation.approve" -> Map.of();
            case "key.certificate.import" -> Map.of("chain", TestPki.pem(pki.issueCodeSigning("ec", ecPublicKey())));
            case "ca.issue" -> Map.of("authority", "issuing");
            case "ca.revoke" -> Map.of("reason", "superseded");
            case "key.activation.policy" -> Map.of("required", 1, "custodians", List.of("keeper"), "window", "PT1M",
                    "maxUses", 1);
            case "ca.authority.create" -> Map.of("name", name, "key", freshKey(name), "parent", "root", "subject", "CN=" + name);
            case "sad.issue" -> Map.of("algorithm", "ECDSA_SHA256", "digests", List.of(DIGEST));
            case "key.disable", "key.revoke", "key.destroy" -> Map.of("nonce", "matrix-" + unique.incrementAndGet()
                    + "-" + System.nanoTime(), "timestamp", java.time.Instant.now().toString());
            case "totp.enrol" -> Map.of();
            case "totp.verify" -> Map.of("code", "000000");
            case "totp.unlock", "audit.key-rotate" -> Map.of();
            case "policy.set" -> Map.of("approvalsRequired", 0);
            case "signing-request.create" -> signingRequest();
            case "approval.approve", "approval.reject", "signing-request.sad" -> Map.of();
            case "webhook.create" -> Map.of("url", "http://127.0.0.1:9/hook");
            case "principal.email" -> Map.of("email", "target@example.com");
            default -> throw new AssertionError("no request body for family " + family);
        };
    }

    /** A new P-256 key wrapped under the default token's import key, as a client would send it. */
    private Map<String, Object> importBody(String name) {
        try {
            KeyPair pair = TestPki.ecKey();
            return KeyImports.request(name, null, KeyImports.importKey(admin, "software"), pair.getPrivate(),
                    pair.getPublic(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> signingRequest() {
        return Map.of("profile", "gated", "algorithm", "ECDSA_SHA256", "reason", "matrix",
                "items", List.of(Map.of("artifact", "a.jar", "digest", DIGEST)));
    }

    /** A new request by the signer column on profile {@code gated}; approved if {@code approved}. */
    private String freshRequestId(boolean approved) {
        String id = expect(callers.get("signer").post("/api/v1/projects/alpha/requests", signingRequest()), 201)
                .json().get("id").asString();
        if (approved) {
            expect(callers.get("approver").post("/api/v1/projects/alpha/requests/" + id + "/approve", Map.of()), 200);
        }
        return id;
    }

    /**
     * The key a row acts on: "ec" (which has a profile and a CA-issued certificate), except for setting an
     * activation policy, which happens once per key and so gets a fresh key whenever the caller may create
     * one, for approving, which needs a key with a policy ("ca-root"), and for stop-use, revocation and
     * destruction, which act on a key of their own.
     */
    private String key(String family, String role) {
        return switch (family) {
            case "key.activation.policy" -> role.equals("custodian") ? freshKey("p" + unique.incrementAndGet()) : "ec";
            case "key.activation.approve" -> "ca-root";
            case "key.disable", "key.revoke", "key.destroy" -> freshKey("matrix-key-" + unique.incrementAndGet());
            default -> "ec";
        };
    }

    private java.security.PublicKey ecPublicKey() {
        try {
            return Provisioning.publicKey(admin.get("/api/v1/projects/alpha/keys/ec").json(), KeyAlgorithm.EC_P256);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new key of alpha (made by its custodian) for a rotation to move to. */
    private String freshKey(String name) {
        expect(callers.get("custodian").post("/api/v1/projects/alpha/keys", Map.of("name", name, "algorithm", "EC_P256")),
                201);
        return name;
    }

    private String freshTokenId() {
        return expect(admin.post("/api/v1/tokens", Map.of("name", "victim", "role", "auditor", "project", "alpha")), 201)
                .json().get("id").asString();
    }

    private static String normalise(String endpoint) {
        return endpoint.replaceAll("\\{[^}]+}", "{}");
    }

    /** The table rows of docs/security.md's access matrix. */
    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inMatrix = false;
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("| Family")) {
                List<String> header = cells(line);
                assertThat(header.subList(2, header.size())).isEqualTo(COLUMNS);
                inMatrix = true;
            } else if (inMatrix && line.startsWith("|") && !line.startsWith("|--")) {
                List<String> cells = cells(line);
                rows.add(new Row(cells.get(0), cells.get(1), cells.subList(2, cells.size())));
            } else if (inMatrix && !line.startsWith("|")) {
                break;
            }
        }
        assertThat(rows).isNotEmpty();
        rows.forEach(row -> assertThat(row.cells()).as(row.endpoint()).hasSize(COLUMNS.size()));
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip().substring(1, line.strip().length() - 1);
        return Arrays.stream(inner.split("\\|")).map(String::strip).toList();
    }

    private record Row(String family, String endpoint, List<String> cells) {
    }
}
