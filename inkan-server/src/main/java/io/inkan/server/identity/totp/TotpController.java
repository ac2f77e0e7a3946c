package io.inkan.server.identity.totp;

import io.inkan.core.api.TotpCodeRequest;
import io.inkan.core.api.TotpEnrolmentView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Audited;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import org.springframework.http.HttpStatus;
import io.inkan.server.identity.Principals;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrolment in and verification of the caller's own TOTP second factor, and its reset or unlocking by an
 * administrator.
 */
@RestController
@RequestMapping("/api/v1")
class TotpController {

    private final SecondFactor secondFactor;
    private final Principals principals;
    private final AuditLog audit;

    TotpController(SecondFactor secondFactor, Principals principals, AuditLog audit) {
        this.secondFactor = secondFactor;
        this.principals = principals;
        this.audit = audit;
    }

    @PostMapping("/totp/enrolment")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(AuditAction.TOTP_ENROL)
    @Transactional
    TotpEnrolmentView enrol() {
        InkanPrincipal principal = Access.current();
        TotpEnrolmentView enrolment = secondFactor.enrol(principal);
        audit.record(AuditAction.TOTP_ENROL, Outcome.SUCCESS, null, "second factor enrolled");
        return enrolment;
    }

    /** No surrounding transaction: the second factor counts attempts in transactions of its own. */
    @PostMapping("/totp/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(AuditAction.TOTP_VERIFY)
    void verify(@RequestBody TotpCodeRequest request) {
        secondFactor.verify(Access.current(), request.code());
        audit.record(AuditAction.TOTP_VERIFY, Outcome.SUCCESS, null, "second factor verified");
    }

    /** An administrator removes a principal's second factor so they can enrol a new device; idempotent. */
    @DeleteMapping("/principals/{principal}/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(AuditAction.TOTP_RESET)
    @Transactional
    void reset(@PathVariable String principal) {
        Access.requireAdmin();
        InkanPrincipal target = principals.byName(principal).orElseThrow(() -> Refusal.notFound("Principal", principal));
        boolean removed = secondFactor.reset(target);
        audit.record(AuditAction.TOTP_RESET, Outcome.SUCCESS, null, removed ? "second factor of '" + principal + "' removed"
                : "principal '" + principal + "' had no second factor");
    }

    /** An administrator lifts the lock wrong codes put on a principal's second factor; idempotent. */
    @PostMapping("/principals/{principal}/totp/unlock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(AuditAction.TOTP_UNLOCK)
    @Transactional
    void unlock(@PathVariable String principal) {
        InkanPrincipal administrator = Access.requireAdmin();
        InkanPrincipal target = principals.byName(principal).orElseThrow(() -> Refusal.notFound("Principal", principal));
        if (target.id().equals(administrator.id())) {
            throw new Refusal(Problem.FORBIDDEN, "Nobody unlocks their own second factor; another administrator must");
        }
        boolean enrolled = secondFactor.unlock(target);
        audit.record(AuditAction.TOTP_UNLOCK, Outcome.SUCCESS, null, enrolled ? "second factor of '" + principal + "' unlocked"
                : "principal '" + principal + "' has no second factor");
    }
}
