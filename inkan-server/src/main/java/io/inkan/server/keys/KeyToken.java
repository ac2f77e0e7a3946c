package io.inkan.server.keys;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.sam.SigningPermit;

import java.security.PublicKey;

/**
 * A place where private keys live and are used, never leaving it: an HSM slot reached over PKCS#11, or
 * the encrypted software token.
 *
 * <p>The interface is deliberately narrow: generate a key under a handle, and apply one raw
 * {@link Mechanism} to bytes that are already prepared (a DigestInfo, an encoded PSS block, a digest, a
 * short message). Choosing padding and checking inputs happens once, in the Signature Activation Module
 * ({@code io.inkan.server.sam}), the only caller of {@link #sign}, so every token behaves identically and
 * a token has no way to hand out key material. {@link #sign} demands a {@link SigningPermit}, which only
 * that module can create: holding a token does not make a class able to sign.
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
     * Applies the private key under {@code handle} to {@code input}. Implementations call
     * {@link SigningPermit#require} before anything else.
     *
     * @param permit the Signature Activation Module's permit for this key
     * @throws SecurityException when {@code permit} is missing or for another key
     * @throws TokenException    when the key is unknown or the token fails; the message never carries key
     *                           material
     */
    byte[] sign(String handle, KeyAlgorithm algorithm, Mechanism mechanism, byte[] input, SigningPermit permit);

    /**
     * Generates this token's RSA import key pair ({@code KeyImportScheme.IMPORT_KEY_BITS} bits). Its private
     * half can only unwrap imported keys: it neither signs nor decrypts.
     *
     * @param handle a fresh, unique identifier chosen by the caller
     * @return the public half, which clients wrap keys under
     */
    PublicKey generateImportKey(String handle);

    /**
     * Unwraps a private key wrapped with {@code KeyImportScheme} under the import key {@code importHandle}
     * into a new non-extractable signing key under {@code handle}. Where the token allows, the plaintext
     * key exists only inside the token. The caller proves afterwards that the key fits its public half.
     *
     * @throws WrappedKeyException when the blob was not wrapped under this import key, is altered, or does
     *                             not hold a {@code algorithm} key
     * @throws TokenException      when the token itself fails
     */
    void unwrap(String importHandle, PublicKey importKey, String handle, KeyAlgorithm algorithm, byte[] wrapped);

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
