package io.inkan.server.infra.seal;

import io.inkan.server.infra.serverkeys.ServerKey;
import io.inkan.server.infra.serverkeys.ServerKeys;

/**
 * Signs seal digests with the configuration seal key. Implemented by the Signature Activation Module,
 * which owns the key (as every key the server keeps for itself, obtained through {@link ServerKeys});
 * so the seal itself, which only encodes and verifies, needs no capability package.
 */
public interface SealSigner {

    /** The seal key, proven against the token, or created by this call (then existing rows need sealing). */
    ServerKeys.Obtained<ServerKey> key();

    /** An ECDSA P-256 signature over a SHA-256 {@code digest} with the seal key. */
    byte[] sign(byte[] digest);
}
