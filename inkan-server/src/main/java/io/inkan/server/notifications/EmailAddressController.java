package io.inkan.server.notifications;

import io.inkan.core.api.EmailRequest;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a principal receives workflow emails, set by an administrator (who manages principals). The
 * address is checked by Jakarta Mail's parser, one plain address, so it cannot smuggle further recipients.
 */
@RestController
class EmailAddressController {

    private static final int MAX_EMAIL = 320;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    EmailAddressController(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @PutMapping("/api/v1/principals/{principal}/email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(AuditAction.PRINCIPAL_EMAIL)
    @Transactional
    void set(@PathVariable String principal, @RequestBody EmailRequest request) {
        Access.requireAdmin();
        String email = request.email() == null ? null : parse(request.email());
        if (jdbc.sql("UPDATE principals SET email = ? WHERE name = ?").params(email, principal).update() != 1) {
            throw Refusal.notFound("Principal", principal);
        }
        audit.record(AuditAction.PRINCIPAL_EMAIL, Outcome.SUCCESS, null,
                email == null ? "email of '" + principal + "' removed" : "email of '" + principal + "' set to " + email);
    }

    private static String parse(String email) {
        try {
            if (email.length() > MAX_EMAIL) {
                throw new AddressException("too long");
            }
            InternetAddress address = new InternetAddress(email, true);
            if (address.getPersonal() != null || !address.getAddress().equals(email.trim()) || address.isGroup()) {
                throw new AddressException("not one plain address");
            }
            return address.getAddress();
        } catch (AddressException e) {
            throw new Refusal(Problem.INVALID_EMAIL,
                    "email must be one plain address such as alice@example.com");
        }
    }
}
