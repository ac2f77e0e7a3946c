package io.inkan.server.identity.totp;

import io.inkan.core.api.TotpCodeRequest;
import io.inkan.core.api.TotpEnrolmentView;
import io.inkan.server.audit.AuditAction;
import io.inkan.server.audit.AuditLog;
import io.inkan.server.audit.Outcome;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Enrolment in and verification of the caller's own TOTP second factor. */
@RestController
@RequestMapping("/api/v1/totp")
class TotpController {

    static final String ENROL = "totp.enrol";
    static final String VERIFY = "totp.verify";

    private final SecondFactor secondFactor;
    private final AuditLog audit;

    TotpController(SecondFactor secondFactor, AuditLog audit) {
        this.secondFactor = secondFactor;
        this.audit = audit;
    }

    @PostMapping("/enrolment")
    @ResponseStatus(HttpStatus.CREATED)
    @AuditAction(ENROL)
    @Transactional
    TotpEnrolmentView enrol() {
        InkanPrincipal principal = Access.current();
        TotpEnrolmentView enrolment = secondFactor.enrol(principal);
        audit.record(ENROL, Outcome.SUCCESS, null, "second factor enrolled");
        return enrolment;
    }

    @PostMapping("/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AuditAction(VERIFY)
    @Transactional
    void verify(@RequestBody TotpCodeRequest request) {
        secondFactor.verify(Access.current(), request.code());
        audit.record(VERIFY, Outcome.SUCCESS, null, "second factor verified");
    }
}
