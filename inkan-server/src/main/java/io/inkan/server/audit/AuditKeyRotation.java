package io.inkan.server.audit;

import io.inkan.client.audit.NoteKey;
import io.inkan.client.audit.TreeHead;
import io.inkan.server.identity.Access;
import io.inkan.server.identity.InkanPrincipal;
import io.inkan.server.identity.Role;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retires the audit key and makes a new one in the token (decision 016). Only a key custodian may do it,
 * since it is key management; administrators, who hold no custody, may not. Records up to the rotation are
 * signed by the old key first, so every checkpoint names the key current when it was signed; the old public
 * key stays published and verification spans the rotation.
 */
@Component
class AuditKeyRotation {

    private final ChainHeadLock headLock;
    private final AuditKey key;
    private final Checkpoints checkpoints;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    AuditKeyRotation(ChainHeadLock headLock, AuditKey key, Checkpoints checkpoints, AuditLog audit,
                     TransactionTemplate transactions) {
        this.headLock = headLock;
        this.key = key;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.transactions = transactions;
    }

    NoteKey rotate() {
        InkanPrincipal principal = Access.current();
        if (principal.bindings().stream().noneMatch(binding -> binding.role() == Role.CUSTODIAN)) {
            throw new Refusal(Problem.FORBIDDEN, "Rotating the audit key needs the custodian role in a project");
        }
        checkpoints.signHeadIfNew(TreeHead.Kind.TIMER);
        NoteKey retired = key.current();
        NoteKey current = transactions.execute(status -> {
            headLock.lock();
            return key.rotate();
        });
        audit.record(AuditAction.AUDIT_KEY_ROTATE, Outcome.SUCCESS, null, "audit key " + retired.idHex() + " retired, "
                + current.idHex() + " current", null);
        return current;
    }
}
