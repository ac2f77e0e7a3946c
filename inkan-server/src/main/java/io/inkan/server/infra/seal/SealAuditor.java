package io.inkan.server.infra.seal;

/**
 * Where the seal reports to the audit trail: implemented by the audit capability, so the seal records a
 * tampered or adopted row without depending on it. Called in a transaction of the seal's own.
 */
public interface SealAuditor {

    /** A row failed its integrity check and was refused. */
    void tampered(String detail);

    /** Rows written before sealing covered their table were sealed as they were. */
    void adopted(String detail);
}
