package io.inkan.cli;

import io.inkan.server.identity.mtls.ClientCertificateAuthority;
import io.inkan.server.identity.mtls.ClientCertificateTrust;
import io.inkan.server.testing.ApiCaller;
import io.inkan.server.testing.Provisioning;
import io.inkan.server.testing.TestPki;
import io.inkan.server.testing.TotpCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static io.inkan.server.testing.Provisioning.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI against a live server for the Signature Activation Module: {@code sign-hash --otp} on a level-2
 * profile (as a person with a client certificate and a TOTP second factor), and a custodian's
 * {@code keys disable|revoke|destroy}.
 */
class SignatureActivationCliTest extends LiveServerTest {

    private CliRunner person;
    private CliRunner custodian;
    private String totpSecret;

    @BeforeAll
    void levelTwoProfileAndPeople() {
        ApiCaller admin = fixture.admin;
        Provisioning provisioning = new Provisioning(admin);
        String custodianToken = provisioning.token("app", "custodian");
        expect(admin.as(custodianToken).post("/api/v1/projects/app/profiles",
                Map.of("name", "gated", "key", "ec", "authorizationLevel", 2)), 201);
        expect(admin.as(custodianToken).post("/api/v1/projects/app/keys",
                Map.of("name", "victim", "algorithm", "EC_P256")), 201);
        // A signer with a certificate from the internal client CA; never the administrator, who cannot sign.
        expect(admin.post("/api/v1/principals", Map.of("name", "alice", "kind", "human")), 201);
        expect(admin.post("/api/v1/principals/alice/roles", Map.of("role", "signer", "project", "app")), 200);
        ClientCertificateAuthority.IssuedCredential alice = fixture.server.bean(ClientCertificateTrust.class).authority()
                .issue("alice", dir.resolve("alice.p12"));
        expect(admin.post("/api/v1/principals/alice/certificates", Map.of("certificate", TestPki.pem(alice.certificate()))),
                201);
        ApiCaller personApi = ApiCaller.withClientCertificate(fixture.server, alice.pkcs12File(),
                alice.password().toCharArray(), false);
        totpSecret = expect(personApi.post("/api/v1/totp/enrolment", Map.of()), 201).json().get("secret").asString();

        person = new CliRunner(dir.resolve("person-home"));
        person.env.put("INKAN_SERVER", fixture.server.baseUrl().toString());
        person.env.put("INKAN_CA", fixture.server.serverCertificate().toString());
        person.env.put("INKAN_CLIENT_CERTIFICATE", alice.pkcs12File().toString());
        person.env.put("INKAN_CLIENT_CERTIFICATE_PASSWORD", alice.password());
        custodian = fixture.runner("custodian", custodianToken);
    }

    @Test
    void signHashOnALevelTwoProfileNeedsTheOtp() throws Exception {
        byte[] digest = new byte[32];
        new SecureRandom().nextBytes(digest);
        String hex = HexFormat.of().formatHex(digest);

        CliRunner.Result refused = person.run("sign-hash", "--project", "app", "--profile", "gated",
                "--algorithm", "ECDSA_SHA256", "--digest", hex);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("SAD required");

        CliRunner.Result signed = SigningFixture.succeeds(person.run("sign-hash", "--project", "app",
                "--profile", "gated", "--algorithm", "ECDSA_SHA256", "--digest", hex,
                "--otp", TotpCodes.code(totpSecret, Instant.now())));
        Signature verifier = Signature.getInstance("NONEwithECDSA");
        verifier.initVerify(fixture.certificate("ec").getPublicKey());
        verifier.update(digest);
        assertThat(verifier.verify(Base64.getDecoder().decode(signed.out().strip()))).isTrue();
    }

    @Test
    void custodianStopsRevokesAndDestroysAKey() {
        assertThat(SigningFixture.succeeds(custodian.run("keys", "disable", "--project", "app", "--name", "victim",
                "--reason", "rotation")).out()).contains("DISABLED");
        assertThat(SigningFixture.succeeds(custodian.run("keys", "revoke", "--project", "app", "--name", "victim"))
                .out()).contains("REVOKED");
        CliRunner.Result unconfirmed = custodian.run("keys", "destroy", "--project", "app", "--name", "victim");
        assertThat(unconfirmed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(SigningFixture.succeeds(custodian.run("keys", "destroy", "--project", "app", "--name", "victim",
                "--yes")).out()).contains("DESTROYED");
        CliRunner.Result again = custodian.run("keys", "destroy", "--project", "app", "--name", "victim", "--yes");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("Invalid key state");
    }
}
