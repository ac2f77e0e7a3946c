package io.inkan.server.identity;

import io.inkan.core.api.TokenView;
import io.inkan.server.InkanProperties;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.mtls.ClientCertificateAuthority;
import io.inkan.server.identity.mtls.ClientCertificateTrust;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * On a fresh installation gives the first administrator two credentials, each printed once: a client
 * certificate (PKCS#12 under the data directory, from the internal client CA, with a one-time
 * password) for people, and an API token for scripts. A credential kind is re-issued on a later start
 * only when no administrator of that kind is left (every admin token expired or revoked; no principal
 * holds the admin role): whoever can restart the server and read its console already controls the host.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

    static final int LIFETIME_DAYS = 30;
    static final String PRINCIPAL = "bootstrap-admin";

    private final ApiTokens tokens;
    private final Principals principals;
    private final ClientCertificateAuthority authority;
    private final AuditLog audit;
    private final Path dataDir;
    private final InkanProperties.Bootstrap settings;

    BootstrapAdministrator(ApiTokens tokens, Principals principals, ClientCertificateTrust trust, AuditLog audit,
                           InkanProperties properties) {
        this.tokens = tokens;
        this.principals = principals;
        this.authority = trust.authority();
        this.audit = audit;
        this.dataDir = properties.dataDir();
        this.settings = properties.bootstrap() == null ? new InkanProperties.Bootstrap(null, null) : properties.bootstrap();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!principals.anyAdmin()) {
            issueCertificate();
        }
        if (!tokens.anyActiveAdmin()) {
            issueToken();
        }
    }

    private void issueCertificate() {
        if (principals.byName(PRINCIPAL).isEmpty()) {
            principals.create(PRINCIPAL, "human");
        }
        principals.bind(PRINCIPAL, Role.ADMIN.apiName(), null, AuditLog.SYSTEM);
        ClientCertificateAuthority.IssuedCredential issued = authority.issue(PRINCIPAL, dataDir.resolve(PRINCIPAL + ".p12"));
        principals.addCertificate(PRINCIPAL, issued.certificate());
        audit.record(AuditLog.SYSTEM, AuditAction.AUTHENTICATE, Outcome.SUCCESS, null, "bootstrap administrator certificate "
                + CertificateId.of(issued.certificate()) + " issued to principal '" + PRINCIPAL + "'");
        if (settings.certificatePasswordFile() != null) {
            write(settings.certificatePasswordFile(), issued.password());
        }
        System.out.println("""

                ================================================================================
                 Inkan bootstrap administrator client certificate (PKCS#12, password shown once):

                   file:     %s
                   password: %s

                 e.g. inkan login --server https://localhost:<port> --ca <data-dir>/tls/server.crt \\
                        --client-certificate %s --client-certificate-password-file <file>
                ================================================================================
                """.formatted(issued.pkcs12File().toAbsolutePath(), issued.password(), issued.pkcs12File().toAbsolutePath()));
    }

    private void issueToken() {
        TokenView admin = tokens.issue("bootstrap-admin", Role.ADMIN, null, null, LIFETIME_DAYS);
        audit.record(AuditLog.SYSTEM, AuditAction.TOKEN_CREATE, Outcome.SUCCESS, null,
                "bootstrap administrator token " + admin.id() + " issued");
        if (settings.tokenFile() != null) {
            write(settings.tokenFile(), admin.secret());
        }
        System.out.println("""

                ================================================================================
                 Inkan bootstrap administrator token (shown once, valid %d days):

                   %s

                 Use it to create projects, principals, role bindings and tokens, e.g.
                   inkan login --server https://localhost:<port> --ca <data-dir>/tls/server.crt --token-stdin
                ================================================================================
                """.formatted(LIFETIME_DAYS, admin.secret()));
    }

    private static void write(Path file, String secret) {
        try {
            Files.deleteIfExists(file);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bootstrap secret file " + file, e);
        }
    }
}
