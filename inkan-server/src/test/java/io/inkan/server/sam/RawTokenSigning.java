package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.SigningKey;
import io.inkan.server.testing.TestServer;

/**
 * The token operation of a running test server without any activation, for the benchmark's baseline
 * ("raw" throughput: what the token gives with no HTTP, audit or SAD around it). Test sources only: in
 * the server, only a {@link SigningCapability} or a service activation reaches {@link TokenSigner}.
 */
public final class RawTokenSigning {

    private final TokenSigner signer;

    public RawTokenSigning(TestServer server) {
        this.signer = server.bean(TokenSigner.class);
    }

    /** Signs {@code input} (a digest, or the message for pure Ed25519) with {@code key}. */
    public byte[] sign(SigningKey key, SignatureAlgorithm algorithm, byte[] input) {
        return signer.sign(key.ref(), key.publicKey(), algorithm, input);
    }
}
