package io.inkan.cli;

import io.inkan.client.audit.AuditEntry;
import io.inkan.core.KeyAlgorithm;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.testing.Provisioning;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.inkan.cli.SigningFixture.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inkan requests list|show|approve|reject} and {@code inkan sign} on a profile that needs two
 * approvals: the signer's command creates the request and waits, approvers decide through the CLI, and
 * each decision leaves its audit record.
 */
class RequestsCommandTest extends LiveServerTest {

    private X509Certificate gated;
    private CliRunner alice;
    private CliRunner bob;

    @BeforeAll
    void gatedProfile() throws Exception {
        Provisioning provisioning = new Provisioning(fixture.admin);
        gated = Provisioning.leafCertificate(provisioning.keyAndProfile("app", "gated", KeyAlgorithm.EC_P256, "software"));
        alice = runner("alice", "approver");
        bob = runner("bob", "approver");
        CliRunner custodian = runner("keeper", "custodian");
        assertThat(succeeds(custodian.run("policy", "set", "--project", "app", "--profile", "gated", "--approvals", "2",
                "--name-pattern", "*.bin", "--timeout-seconds", "600")).out()).contains("2 approver(s), level 1");
        assertThat(last()).matches(e -> e.action().equals("policy.set") && e.outcome().equals("SUCCESS")
                && e.principal().contains("keeper"));
        assertThat(succeeds(fixture.signer.run("policy", "show", "--project", "app", "--profile", "gated")).out())
                .contains("*.bin").contains("Timeout        600 s");
        assertThat(fixture.signer.run("policy", "set", "--project", "app", "--profile", "gated").exitCode())
                .as("signers do not set policies").isEqualTo(ExitCodes.AUTH);
    }

    private CliRunner runner(String name, String role) {
        String token = fixture.admin.post("/api/v1/tokens", Map.of("name", name, "role", role, "project", "app"))
                .json().get("secret").asString();
        return fixture.runner(name, token);
    }

    @Test
    void signWaitsForTwoApprovalsGivenThroughTheCli() throws Exception {
        Path file = Files.writeString(dir.resolve("release-1.0.bin"), "the release");
        CompletableFuture<CliRunner.Result> signing = CompletableFuture.supplyAsync(() -> fixture.signer.run("sign",
                "--project", "app", "--profile", "gated", "--reason", "release 1.0", "--ci-run-url",
                "https://ci.example.com/runs/7", file.toString()));
        String id = pendingRequest();

        String listed = succeeds(alice.run("requests", "list", "--project", "app", "--state", "requested")).out();
        assertThat(listed).contains(id).contains("release 1.0").contains("0/2");
        String shown = succeeds(alice.run("requests", "show", id, "--project", "app")).out();
        assertThat(shown).contains("release-1.0.bin").contains("https://ci.example.com/runs/7").contains("Approvals  0 of 2");

        CliRunner.Result own = fixture.signer.run("requests", "approve", id, "--project", "app");
        assertThat(own.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(last()).matches(e -> e.action().equals("approval.approve") && e.outcome().equals("DENIED"));

        assertThat(succeeds(alice.run("requests", "approve", id, "--project", "app", "--comment", "ok")).out())
                .contains("1 of 2");
        assertThat(last()).matches(e -> e.action().equals("approval.approve") && e.outcome().equals("SUCCESS")
                && e.principal().contains("alice"));
        CliRunner.Result twice = alice.run("requests", "approve", id, "--project", "app");
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(twice.err()).contains("one approval slot");
        assertThat(last()).matches(e -> e.action().equals("approval.approve") && e.outcome().equals("DENIED"));

        assertThat(succeeds(bob.run("requests", "approve", id, "--project", "app")).out()).contains("approved");
        CliRunner.Result signed = signing.get(60, TimeUnit.SECONDS);
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("Signing request " + id + " approved");

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(gated.getPublicKey());
        verifier.update(Files.readAllBytes(file));
        assertThat(verifier.verify(Files.readAllBytes(dir.resolve("release-1.0.bin.sig")))).isTrue();
        assertThat(succeeds(alice.run("requests", "show", id, "--project", "app", "--json")).out())
                .contains("\"state\" : \"signed\"");
    }

    @Test
    void oneApprovalCoversEveryFileOfACmsBatch() throws Exception {
        List<Path> files = List.of(Files.writeString(dir.resolve("firmware-a.bin"), "first image"),
                Files.writeString(dir.resolve("firmware-b.bin"), "second image"));
        CompletableFuture<CliRunner.Result> signing = CompletableFuture.supplyAsync(() -> fixture.signer.run("sign",
                "--format", "cms", "--project", "app", "--profile", "gated", "--reason", "firmware 3.1",
                files.get(0).toString(), files.get(1).toString()));
        String id = pendingRequest();
        assertThat(succeeds(alice.run("requests", "show", id, "--project", "app")).out())
                .contains("firmware-a.bin").contains("firmware-b.bin");

        succeeds(alice.run("requests", "approve", id, "--project", "app"));
        succeeds(bob.run("requests", "approve", id, "--project", "app"));
        CliRunner.Result signed = signing.get(60, TimeUnit.SECONDS);
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("Signing request " + id + " approved");

        for (Path file : files) {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(Files.readAllBytes(file)),
                    Files.readAllBytes(dir.resolve(file.getFileName() + ".p7s")));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(gated))).isTrue();
        }
        assertThat(fixture.admin.get("/api/v1/projects/app/requests?state=requested").json().findValues("id"))
                .as("one request for both files").isEmpty();
    }

    @Test
    void aRejectionEndsTheWaitAndWritesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("rejected.bin"), "not this");
        CompletableFuture<CliRunner.Result> signing = CompletableFuture.supplyAsync(() -> fixture.signer.run("sign",
                "--project", "app", "--profile", "gated", "--reason", "try", file.toString()));
        String id = pendingRequest();
        assertThat(succeeds(bob.run("requests", "reject", id, "--project", "app", "--comment", "no")).out())
                .contains("Rejected " + id);
        assertThat(last()).matches(e -> e.action().equals("approval.reject") && e.outcome().equals("SUCCESS")
                && e.principal().contains("bob"));
        CliRunner.Result result = signing.get(60, TimeUnit.SECONDS);
        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains(id).contains("rejected");
        assertThat(dir.resolve("rejected.bin.sig")).doesNotExist();
        assertThat(bob.run("requests", "approve", id, "--project", "app").exitCode()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    void signingWithoutAReasonIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("no-reason.bin"), "x");
        CliRunner.Result result = fixture.signer.run("sign", "--project", "app", "--profile", "gated", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--reason");
    }

    /** The id of the newest request awaiting decisions, once the signing command has created it. */
    private String pendingRequest() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<String> ids = fixture.admin.get("/api/v1/projects/app/requests?state=requested").json().findValues("id")
                    .stream().map(node -> node.asString()).toList();
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no signing request appeared");
    }

    private AuditEntry last() {
        return fixture.server.bean(AuditLog.class).recent(1).get(0);
    }
}
