package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A key as Inkan knows it: its place in a token, its public half and certificate chain. Holds nothing
 * private; the private key stays behind {@link #ref()}.
 *
 * @param certificateChain leaf first; until a CA issues one, the key's self-signed certificate
 */
public record SigningKey(long id, long projectId, String project, String name, KeyAlgorithm algorithm,
                         String tokenName, TokenKind tokenKind, String handle, PublicKey publicKey,
                         List<X509Certificate> certificateChain, KeyState state, Instant createdAt) {

    public SigningKey {
        certificateChain = List.copyOf(certificateChain);
    }

    public KeyRef ref() {
        return new KeyRef(tokenName, handle, algorithm);
    }
}
