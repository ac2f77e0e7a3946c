package io.inkan.server.ca;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.keys.pkcs11.SoftHsmFixture;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.AuditExpectations;
import io.inkan.server.testing.ExternalTools;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestServer;
import io.inkan.server.testkit.ApiPaths;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSRs signed inside the token (K5), RSA and EC, on the software token and on SoftHSM2, each accepted
 * by {@code openssl req -verify} and carrying the requested subject and extensions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrTest {

    private static final String PROJECT = "csr";

    @TempDir
    Path dir;
    private TestServer server;
    private ApiCaller custodian;
    private AuditExpectations audit;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        SoftHsmFixture hsm = SoftHsmFixture.shared();
        server = TestServer.start(dataDir, Map.of("inkan.tokens.pkcs11[0].name", "hsm",
                "inkan.tokens.pkcs11[0].library", SoftHsmFixture.LIBRARY,
                "inkan.tokens.pkcs11[0].token-label", hsm.label(),
                "inkan.tokens.pkcs11[0].pin", hsm.pin()));
        Provisioning provisioning = Provisioning.audited(server);
        provisioning.project(PROJECT);
        for (String token : List.of("software", "hsm")) {
            provisioning.keyAndProfile(PROJECT, "rsa-" + token, KeyAlgorithm.RSA_3072, token);
            provisioning.keyAndProfile(PROJECT, "ec-" + token, KeyAlgorithm.EC_P256, token);
        }
        custodian = provisioning.custodian(PROJECT);
        audit = new AuditExpectations(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void csrOfEveryKeyKindAndTokenPassesOpensslVerify() throws Exception {
        ExternalTools.require("openssl");
        for (String key : List.of("rsa-software", "ec-software", "rsa-hsm", "ec-hsm")) {
            JsonNode response = audit.expectOne(() -> custodian.post(path(key, "csr"), Map.of(
                            "subject", "CN=Release " + key + ",O=Example Corp,C=DE",
                            "keyUsage", List.of("digitalSignature", "nonRepudiation"),
                            "extendedKeyUsage", List.of("codeSigning"))),
                    200, AuditAction.KEY_CSR.value(), "SUCCESS", PROJECT, "custodian-" + PROJECT).response().json();
            String pem = response.get("csr").asString();
            Path file = Pems.write(dir.resolve(key + ".csr"), pem);
            ExternalTools.Result verified = ExternalTools.run(List.of("openssl", "req", "-in", file.toString(),
                    "-noout", "-verify", "-subject"));
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            assertThat(verified.output()).contains("verify OK").contains("CN = Release " + key)
                    .contains("O = Example Corp");

            PKCS10CertificationRequest csr = (PKCS10CertificationRequest) new PEMParser(new StringReader(pem)).readObject();
            JsonNode stored = custodian.get(path(key, "")).json();
            assertThat(Base64.getEncoder().encodeToString(csr.getSubjectPublicKeyInfo().getEncoded()))
                    .isEqualTo(stored.get("publicKey").asString());
            Extensions extensions = Extensions.getInstance(csr.getAttributes(
                    PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
            assertThat(ExtendedKeyUsage.fromExtensions(extensions).hasKeyPurposeId(KeyPurposeId.id_kp_codeSigning)).isTrue();
            KeyUsage usage = KeyUsage.fromExtensions(extensions);
            assertThat(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)).isTrue();
            assertThat(extensions.getExtension(Extension.keyUsage).isCritical()).isTrue();
        }
    }

    @Test
    void defaultsNameTheKeyAndAskForCodeSigning() throws Exception {
        ExternalTools.require("openssl");
        String pem = audit.expectOne(() -> custodian.post(path("ec-software", "csr"), Map.of()), 200, AuditAction.KEY_CSR.value(),
                "SUCCESS", PROJECT, "custodian-" + PROJECT).response().json().get("csr").asString();
        ExternalTools.Result text = ExternalTools.run(List.of("openssl", "req", "-in",
                Pems.write(dir.resolve("default.csr"), pem).toString(), "-noout", "-verify", "-text"));
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output()).contains("O = Inkan, OU = csr, CN = ec-software").contains("Code Signing")
                .contains("Digital Signature");
    }

    @Test
    void badRequestsAreRefusedPreciselyAndRecorded() {
        expectRefusal(custodian, "rsa-software", Map.of("subject", "not a name"), 400, "invalid-subject");
        expectRefusal(custodian, "rsa-software", Map.of("extendedKeyUsage", List.of("lunchOrdering")), 400,
                "invalid-extension");
        expectRefusal(custodian, "rsa-software", Map.of("keyUsage", List.of("encipherEverything")), 400,
                "invalid-extension");
        expectRefusal(custodian, "missing", Map.of(), 404, "not-found");
        ApiCaller admin = new ApiCaller(server, server.adminToken());
        expectRefusal(admin, "rsa-software", Map.of(), 403, "forbidden");
    }

    private void expectRefusal(ApiCaller caller, String key, Object body, int status, String type) {
        String outcome = status == 403 ? "DENIED" : "REJECTED";
        ApiCaller.Response response = audit.expectOne(() -> caller.post(path(key, "csr"), body), status, AuditAction.KEY_CSR.value(),
                outcome, PROJECT, "").response();
        assertThat(response.problemType()).isEqualTo(type);
    }

    private static String path(String key, String suffix) {
        return ApiPaths.key(PROJECT, key, suffix);
    }
}
