/**
 * A JCA provider for keys held by an Inkan server: a read-only key store of profile keys and signature
 * services that hash locally and send only digests (or, for pure Ed25519, short to-be-signed bytes).
 */
package io.inkan.client.jca;
