package io.inkan.server.audit;

/**
 * The audit log in the database is not what the server wrote (decision 016): a record, a checkpoint or a
 * tree node was changed, removed or added behind its back. The server then signs no checkpoint over it and
 * appends nothing more, failing closed, until an operator has investigated; the message names what is wrong.
 */
public class AuditLogDamaged extends IllegalStateException {

    AuditLogDamaged(String message) {
        super(message);
    }

    AuditLogDamaged(String message, Throwable cause) {
        super(message, cause);
    }
}
