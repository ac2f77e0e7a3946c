package io.inkan.server.identity;

import io.inkan.core.api.TokenView;
import io.inkan.server.InkanProperties;
import io.inkan.server.audit.Actions;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
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
 * On a fresh installation (no usable administrator credential), issues the first administrator token
 * and prints it once on the console. Only its hash is stored; losing it means issuing a new one with
 * a fresh database or an existing administrator.
 */
@Component
class BootstrapAdministrator implements ApplicationRunner {

    static final int LIFETIME_DAYS = 30;

    private final ApiTokens tokens;
    private final AuditLog audit;
    private final Path tokenFile;

    BootstrapAdministrator(ApiTokens tokens, AuditLog audit, InkanProperties properties) {
        this.tokens = tokens;
        this.audit = audit;
        this.tokenFile = properties.bootstrap() == null ? null : properties.bootstrap().tokenFile();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (tokens.anyActiveAdmin()) {
            return;
        }
        TokenView admin = tokens.issue("bootstrap-admin", Role.ADMIN, null, null, LIFETIME_DAYS);
        audit.record("system", Actions.TOKEN_CREATE, Outcome.SUCCESS, null,
                "bootstrap administrator token " + admin.id() + " issued");
        if (tokenFile != null) {
            write(tokenFile, admin.secret());
        }
        System.out.println("""

                ================================================================================
                 Inkan bootstrap administrator token (shown once, valid %d days):

                   %s

                 Use it to create projects, keys, profiles and signer tokens, e.g.
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
            throw new UncheckedIOException("cannot write bootstrap token file " + file, e);
        }
    }
}
