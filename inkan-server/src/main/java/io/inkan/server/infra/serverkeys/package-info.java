/**
 * The keys the server keeps for itself (audit, configuration seal, TSA, import keys): one creation, race
 * and start-up proof strategy ({@link io.inkan.server.infra.serverkeys.ServerKeys}). May import inkan-core,
 * Spring transactions and other {@code infra} packages; never a capability package nor {@code web}: the
 * tokens are reached through {@link io.inkan.server.infra.serverkeys.ServerKeyTokens}, which the SAM implements.
 */
package io.inkan.server.infra.serverkeys;
