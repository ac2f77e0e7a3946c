package io.inkan.cli;

import io.inkan.core.api.ActivationPolicyRequest;
import io.inkan.core.api.ActivationView;
import io.inkan.core.api.CertificateChainRequest;
import io.inkan.core.api.CsrRequest;
import io.inkan.core.api.IssueCertificateRequest;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.RevokeCertificateRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code inkan keys} commands about a key's certificate and its M-of-N activation (key custodians):
 * a CSR for an outside CA, importing that CA's chain, a certificate from the private CA and its
 * revocation, and the activation policy and approvals.
 */
final class KeyCertificateCommands {

    private KeyCertificateCommands() {
    }

    /** Options naming one key of one project. */
    static final class KeyOptions {
        @Option(names = "--project", required = true, paramLabel = "PROJECT")
        String project;

        @Option(names = "--key", required = true, paramLabel = "KEY")
        String key;
    }

    static Table chainTable(KeyView key) {
        Table table = new Table("KEY", "CHAIN", "STATE");
        table.row(key.name(), key.certificateChain().size() + " certificate(s)", key.state());
        return table;
    }

    static Table activationTable(ActivationView view) {
        Table table = new Table("KEY", "STATE", "REQUIRED", "CUSTODIANS", "APPROVED", "EXPIRES", "USES LEFT");
        table.row(view.key(), view.state(), view.required() + " of " + view.custodians().size(),
                String.join(",", view.custodians()), String.join(",", view.approvedBy()), view.expiresAt(),
                view.usesLeft());
        return table;
    }

    @Command(name = "csr", description = {"Print a PKCS#10 certificate request signed by the key inside its token.",
        "Defaults: subject CN=KEY,OU=PROJECT,O=Inkan; key usage digitalSignature; extended key usage codeSigning."})
    static final class Csr extends BaseCommand {
        @Mixin
        KeyOptions key;

        @Option(names = "--subject", paramLabel = "DN", description = "Subject, e.g. 'CN=App Release,O=Example,C=DE'.")
        String subject;

        @Option(names = "--key-usage", split = ",", paramLabel = "USAGE",
                description = "digitalSignature, nonRepudiation, keyCertSign, cRLSign (comma-separated).")
        List<String> keyUsage;

        @Option(names = "--extended-key-usage", split = ",", paramLabel = "PURPOSE",
                description = "codeSigning, timeStamping, emailProtection, clientAuth or dotted OIDs (comma-separated).")
        List<String> extendedKeyUsage;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the PEM here instead of standard output.")
        Path output;

        @Override
        void run() throws IOException {
            String pem = client().certificates()
                    .createCsr(key.project, key.key, new CsrRequest(subject, keyUsage, extendedKeyUsage)).csr();
            if (output == null) {
                out().print(pem);
                return;
            }
            try (StagedFiles staged = new StagedFiles()) {
                staged.stage(output, pem.getBytes(StandardCharsets.US_ASCII));
                staged.commit();
            }
            out().printf("%s: certificate request of key %s/%s%n", output, key.project, key.key);
        }
    }

    @Command(name = "import-cert", description = {"Attach a CA-issued certificate chain (PEM, the key's certificate first) "
            + "to the key.", "The server checks the public key, validity, codeSigning purpose and the chain to a trust anchor."})
    static final class ImportCert extends BaseCommand {
        @Mixin
        KeyOptions key;

        @Parameters(paramLabel = "CHAIN.pem", description = "PEM file with the certificate and its issuers.")
        Path chain;

        @Mixin
        OutputOptions output;

        @Override
        void run() throws IOException {
            KeyView view = client().certificates().importCertificate(key.project, key.key,
                    new CertificateChainRequest(Files.readString(chain, StandardCharsets.US_ASCII)));
            output.print(out(), view, () -> chainTable(view));
        }
    }

    @Command(name = "issue-cert", description = "Get a code-signing certificate for the key from the private CA.")
    static final class IssueCert extends BaseCommand {
        @Mixin
        KeyOptions key;

        @Option(names = "--authority", required = true, paramLabel = "NAME", description = "Issuing intermediate.")
        String authority;

        @Option(names = "--validity-days", paramLabel = "DAYS", description = "At most 9131 (25 years); "
                + "default: the server's inkan.ca.default-validity-days.")
        Integer validityDays;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            KeyView view = client().certificates().issueCertificate(key.project, key.key,
                    new IssueCertificateRequest(authority, validityDays));
            output.print(out(), view, () -> chainTable(view));
        }
    }

    @Command(name = "revoke-cert", description = "Revoke every certificate the private CA issued for the key.")
    static final class RevokeCert extends BaseCommand {
        @Mixin
        KeyOptions key;

        @Option(names = "--reason", paramLabel = "REASON", description = "unspecified (default), keyCompromise, "
                + "affiliationChanged, superseded, cessationOfOperation.")
        String reason;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            KeyView view = client().certificates()
                    .revokeCertificate(key.project, key.key, new RevokeCertificateRequest(reason));
            output.print(out(), view, () -> chainTable(view));
        }
    }

    @Command(name = "activation-policy", description = {"Make the key require N of M named custodians before use.",
        "Set once: it can be neither lowered nor removed."})
    static final class ActivationPolicy extends BaseCommand {
        @Mixin
        KeyOptions key;

        @Option(names = "--required", required = true, paramLabel = "N")
        int required;

        @Option(names = "--custodian", required = true, paramLabel = "PRINCIPAL",
                description = "A registered principal (repeat for each of the M).")
        List<String> custodians;

        @Option(names = "--window", defaultValue = "PT30M", paramLabel = "DURATION",
                description = "How long an activation lasts, ISO-8601 (default ${DEFAULT-VALUE}).")
        String window;

        @Option(names = "--max-uses", defaultValue = "1", paramLabel = "N",
                description = "Uses per activation (default ${DEFAULT-VALUE}).")
        int maxUses;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            ActivationView view = client().keys().setActivationPolicy(key.project, key.key,
                    new ActivationPolicyRequest(required, custodians, window, maxUses));
            output.print(out(), view, () -> activationTable(view));
        }
    }

    @Command(name = "activate", description = "Approve the key's next activation (a custodian its policy names).")
    static final class Activate extends BaseCommand {
        @Mixin
        KeyOptions key;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            ActivationView view = client().keys().approveActivation(key.project, key.key);
            output.print(out(), view, () -> activationTable(view));
        }
    }

    @Command(name = "activation", description = "Show the key's activation policy and current activation.")
    static final class Activation extends BaseCommand {
        @Mixin
        KeyOptions key;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            ActivationView view = client().keys().getActivation(key.project, key.key);
            output.print(out(), view, () -> activationTable(view));
        }
    }
}
