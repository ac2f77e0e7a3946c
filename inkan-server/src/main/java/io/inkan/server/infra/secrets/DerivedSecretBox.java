package io.inkan.server.infra.secrets;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Small secrets the server must read back (TOTP seeds, webhook HMAC keys) sealed at rest with
 * AES-256-GCM under a key derived from the master key for one purpose, so the database alone yields
 * none of them and one purpose's key opens nothing of another's. Each secret is bound to the id of the
 * row that owns it (associated data): a sealed value copied to another row does not open.
 */
public final class DerivedSecretBox {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;
    private final String what;

    /**
     * @param label names the purpose, e.g. {@code inkan/totp-secrets/v1}; the derived key is
     *              HMAC-SHA256(master key, label)
     * @param what  what the secrets are, for error messages ("TOTP secret")
     */
    DerivedSecretBox(SecretKey masterKey, String label, SecureRandom random, String what) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getEncoded(), "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal(label.getBytes(StandardCharsets.US_ASCII)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the key for " + what + "s", e);
        }
        this.random = random;
        this.what = what;
    }

    /** IV followed by ciphertext and tag, bound to {@code owner}. */
    public byte[] seal(String owner, byte[] secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a " + what, e);
        }
    }

    /** The secret sealed for {@code owner}; fails on another master key, another owner or a changed value. */
    public byte[] open(String owner, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored " + what + " does not decrypt (wrong master key or tampered row)", e);
        }
    }
}
