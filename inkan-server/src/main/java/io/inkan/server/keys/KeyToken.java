package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;

import java.security.PublicKey;

/**
 * A place where private keys live and are used, never leaving it: an HSM slot reached over PKCS#11, or
 * the encrypted software token.
 *
 * <p>The interface is deliberately narrow: generate a key under a handle, and apply one raw
 * {@link Mechanism} to bytes that are already prepared (a DigestInfo, an encoded PSS block, a digest, a
 * short message). Choosing padding and checking inputs happens once, in the Signature Activation Module
 * ({@code io.inkan.server.sam}), the only caller of {@link #sign}, so every token behaves identically and
 * a token has no way to hand out key material.
 */
public interface KeyToken extends AutoCloseable {

    /** The name the configuration and the API use for this token. */
    String name();

    TokenKind kind();

    /**
     * Generates a non-extractable key pair inside the token.
     *
     * @param handle a fresh, unique identifier chosen by the caller; later calls name the key by it
     * @return the public half
     */
    PublicKey generate(String handle, KeyAlgorithm algorithm);

    /**
     * Applies the private key under {@code handle} to {@code input}.
     *
     * @throws TokenException when the key is unknown or the token fails; the message never carries key
     *                        material
     */
    byte[] sign(String handle, KeyAlgorithm algorithm, Mechanism mechanism, byte[] input);

    /**
     * Removes both halves of the key under {@code handle} from the token for good (K6 destruction). Once
     * this returns, the token's storage no longer holds the key and this instance cannot sign with it;
     * other server nodes are stopped earlier, by the key's DESTROYED state.
     *
     * @return whether the token held the key; destroying an absent key is not an error, so a destruction
     *         interrupted after the token call can be completed
     */
    boolean destroy(String handle);

    /** Releases sessions and native resources. */
    @Override
    void close();
}
