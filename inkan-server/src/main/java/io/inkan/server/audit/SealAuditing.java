package io.inkan.server.audit;

import io.inkan.server.infra.seal.SealAuditor;
import org.springframework.stereotype.Component;

/** Records what the configuration seal reports (M7) in the audit trail, as the system actor. */
@Component
class SealAuditing implements SealAuditor {

    private static final String SYSTEM = "inkan";

    private final AuditLog audit;

    SealAuditing(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void tampered(String detail) {
        audit.record(SYSTEM, Actions.CONFIGURATION_TAMPERED, Outcome.FAILED, null, detail);
    }

    @Override
    public void adopted(String detail) {
        audit.record(SYSTEM, Actions.CONFIGURATION_SEALED, Outcome.SUCCESS, null, detail);
    }
}
