package io.inkan.server.infra.seal;

/**
 * A table whose rows {@link ConfigurationSeal} protects. Implemented by the capability owning the table,
 * so that when the seal key is first created (an installation upgraded from before sealing) the rows
 * already there are sealed once, as they are, and the audit trail says so.
 */
public interface SealedTable {

    /** The table's name, for logs and the audit record. */
    String table();

    /** Seals every row without a seal; runs in a transaction. Returns how many rows it sealed. */
    int adoptUnsealed();
}
