package io.inkan.server.audit;

import io.inkan.server.infra.seal.SealAuditor;
import org.springframework.stereotype.Component;

/**
 * Records what the configuration seal reports (M7) in the audit trail. Its records have always named the
 * actor "inkan" rather than {@link AuditLog#SYSTEM}; that stays, as auditors search the trail by it.
 */
@Component
class SealAuditing implements SealAuditor {

    private static final String SEAL_ACTOR = "inkan";

    private final AuditLog audit;

    SealAuditing(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void tampered(String detail) {
        audit.record(SEAL_ACTOR, AuditAction.CONFIGURATION_TAMPERED, Outcome.FAILED, null, detail);
    }

    @Override
    public void adopted(String detail) {
        audit.record(SEAL_ACTOR, AuditAction.CONFIGURATION_SEALED, Outcome.SUCCESS, null, detail);
    }
}
