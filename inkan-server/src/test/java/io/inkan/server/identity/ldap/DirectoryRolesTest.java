package io.inkan.server.identity.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Directory groups mapped to roles (A7) against a real LDAP server (UnboundID's in-memory directory):
 * principals sign in by client certificate, whose subject names them; their roles come from groups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryRolesTest {

    private static final String SIGNERS = "cn=app-signers,ou=groups,dc=example,dc=com";
    private static final String AUDITORS = "cn=app-auditors,ou=groups,dc=example,dc=com";
    private static final String FRANK = "uid=frank,ou=people,dc=example,dc=com";
    private static final String HENRY = "uid=henry,ou=people,dc=example,dc=com";

    private InMemoryDirectoryServer directory;
    private TestServer server;
    private TestPki corporate;
    private Path dir;
    private ApiCaller admin;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.addAdditionalBindCredentials("cn=inkan,dc=example,dc=com", "directory-password");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        directory.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
        directory.add("dn: " + FRANK, "objectClass: inetOrgPerson", "uid: frank", "cn: Frank", "sn: F");
        directory.add("dn: uid=grace,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: grace", "cn: Grace", "sn: G");
        directory.add("dn: " + HENRY, "objectClass: inetOrgPerson", "uid: henry", "cn: Henry", "sn: H");
        directory.add("dn: " + SIGNERS, "objectClass: groupOfNames", "cn: app-signers", "member: " + FRANK,
                "member: " + HENRY);
        directory.add("dn: " + AUDITORS, "objectClass: groupOfNames", "cn: app-auditors", "member: " + FRANK);
        directory.startListening();

        corporate = new TestPki("corporate-ca");
        server = TestServer.start(dir.resolve("server"), Map.ofEntries(
                Map.entry("inkan.mtls.trusted-cas[0]", corporate.writeCertificate(dir.resolve("ca.pem")).toString()),
                Map.entry("inkan.mtls.subject-field", "CN"),
                Map.entry("inkan.ldap.url", "ldap://127.0.0.1:" + directory.getListenPort()),
                Map.entry("inkan.ldap.bind-dn", "cn=inkan,dc=example,dc=com"),
                Map.entry("inkan.ldap.bind-password", "directory-password"),
                Map.entry("inkan.ldap.user-base-dn", "ou=people,dc=example,dc=com"),
                Map.entry("inkan.ldap.group-base-dn", "ou=groups,dc=example,dc=com"),
                Map.entry("inkan.ldap.cache-seconds", "0"),
                Map.entry("inkan.ldap.rules[0].group", SIGNERS),
                Map.entry("inkan.ldap.rules[0].project", "app"),
                Map.entry("inkan.ldap.rules[0].role", "signer"),
                Map.entry("inkan.ldap.rules[1].group", AUDITORS.toUpperCase()),
                Map.entry("inkan.ldap.rules[1].project", "app"),
                Map.entry("inkan.ldap.rules[1].role", "auditor")));
        admin = new ApiCaller(server, server.adminToken());
        Provisioning provisioning = new Provisioning(admin);
        provisioning.project("app");
        provisioning.keyAndProfile("app", "ec", KeyAlgorithm.EC_P256, "software");
        for (String name : List.of("frank", "grace", "henry")) {
            expect(admin.post("/api/v1/principals", Map.of("name", name, "kind", "human")), 201);
        }
    }

    @AfterAll
    void stop() {
        server.close();
        directory.shutDown(true);
    }

    @Test
    void groupMembershipGrantsAndWithdrawsRoles() throws Exception {
        ApiCaller frank = caller("frank");
        var me = expect(frank.get("/api/v1/whoami"), 200).json();
        assertThat(me.get("roles").toString()).contains("app:signer", "app:auditor");
        expect(frank.post("/api/v1/projects/app/profiles/ec/sign", Map.of("algorithm", "ECDSA_SHA256",
                "items", List.of(Map.of("digest", "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=")))), 200);

        directory.modify(SIGNERS, new Modification(ModificationType.DELETE, "member", FRANK));
        assertThat(expect(frank.get("/api/v1/whoami"), 200).json().get("roles").toString())
                .doesNotContain("app:signer").contains("app:auditor");
        assertThat(frank.post("/api/v1/projects/app/profiles/ec/sign", Map.of("algorithm", "ECDSA_SHA256",
                "items", List.of(Map.of("digest", "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=")))).status()).isEqualTo(403);
    }

    @Test
    void aUserInNoGroupSeesNoProject() {
        ApiCaller grace = caller("grace");
        assertThat(expect(grace.get("/api/v1/whoami"), 200).json().get("roles").size()).isZero();
        assertThat(grace.get("/api/v1/projects/app/keys").status()).isEqualTo(404);
    }

    /** Administrators cannot sign: a signers' group grants an administrator nothing, and that is recorded. */
    @Test
    void aDirectoryGroupGrantsNoSigningRoleToAnAdministrator() {
        expect(admin.post("/api/v1/principals/henry/roles", Map.of("role", "admin")), 200);
        ApiCaller henry = caller("henry");
        assertThat(expect(henry.get("/api/v1/whoami"), 200).json().get("roles").toString()).isEqualTo("[\"admin\"]");
        var refused = henry.post("/api/v1/projects/app/profiles/ec/sign", Map.of("algorithm", "ECDSA_SHA256",
                "items", List.of(Map.of("digest", "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564="))));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(server.bean(AuditLog.class).recent(5)).anySatisfy(entry -> {
            assertThat(entry.principal()).contains("henry");
            assertThat(entry.outcome()).isEqualTo("DENIED");
            assertThat(entry.detail()).contains("[app:signer] withheld from an administrator");
        });
    }

    @Test
    void aRuleGrantingAdministratorStopsTheServer() {
        assertThatThrownBy(() -> TestServer.start(dir.resolve("admin-rule"), Map.of(
                "inkan.ldap.rules[0].group", SIGNERS, "inkan.ldap.rules[0].role", "admin")))
                .hasStackTraceContaining("rules never grant the administrator role");
    }

    /** A misspelled role would grant nothing in silence: the server refuses to start, naming the setting. */
    @Test
    void aMisspelledRoleStopsTheServerNamingTheSettingAndTheValidRoles() {
        assertThatThrownBy(() -> TestServer.start(dir.resolve("misspelled-rule"), Map.of(
                "inkan.ldap.rules[0].group", SIGNERS, "inkan.ldap.rules[0].project", "app",
                "inkan.ldap.rules[1].group", SIGNERS, "inkan.ldap.rules[1].project", "app",
                "inkan.ldap.rules[1].role", "singer")))
                .hasMessageStartingWith("inkan.ldap.rules[0].role is missing: the valid roles are signer, approver, "
                        + "custodian, auditor");
        assertThatThrownBy(() -> TestServer.start(dir.resolve("misspelled-rule"), Map.of(
                "inkan.ldap.rules[0].group", SIGNERS, "inkan.ldap.rules[0].project", "app",
                "inkan.ldap.rules[0].role", "singer")))
                .hasMessageStartingWith("inkan.ldap.rules[0].role is 'singer': the valid roles are signer, approver, "
                        + "custodian, auditor");
    }

    private ApiCaller caller(String name) {
        Path p12 = dir.resolve(name + ".p12");
        corporate.issue(name, p12);
        return ApiCaller.withClientCertificate(server, p12, TestPki.PASSWORD, false);
    }
}
