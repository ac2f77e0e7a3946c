package io.inkan.server.keys.software;

import io.inkan.server.keys.TokenException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts private keys at rest with AES-256-GCM. The key's handle is the additional authenticated
 * data, so a ciphertext copied onto another key's row fails to decrypt instead of silently signing
 * with the wrong key.
 *
 * <p>Layout: version byte (1) | 12-byte IV | ciphertext with 16-byte tag.
 */
final class KeyWrapper {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey masterKey;
    private final SecureRandom random;

    KeyWrapper(SecretKey masterKey, SecureRandom random) {
        this.masterKey = masterKey;
        this.random = random;
    }

    byte[] wrap(String handle, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, handle, iv);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new TokenException("cannot encrypt key " + handle, e);
        }
    }

    byte[] unwrap(String handle, byte[] wrapped) {
        if (wrapped.length <= 1 + IV_BYTES || wrapped[0] != VERSION) {
            throw new TokenException("key " + handle + " has an unknown encryption format");
        }
        try {
            byte[] iv = Arrays.copyOfRange(wrapped, 1, 1 + IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, handle, iv);
            return cipher.doFinal(wrapped, 1 + IV_BYTES, wrapped.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new TokenException("key " + handle + " cannot be decrypted: wrong master key or altered ciphertext");
        }
    }

    private Cipher cipher(int mode, String handle, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(handle.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
