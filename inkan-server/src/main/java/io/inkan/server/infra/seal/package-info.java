/**
 * The configuration seal (M7): the encoding of sealed rows, their verification, the report of a tampered
 * row and the sealing of rows from before a table was sealed. May import Spring, Micrometer and
 * {@code infra.serverkeys}; never a capability package nor {@code web}: it signs through
 * {@link io.inkan.server.infra.seal.SealSigner} (the SAM) and records through
 * {@link io.inkan.server.infra.seal.SealAuditor} (the audit trail).
 */
package io.inkan.server.infra.seal;
