package io.inkan.client.keys;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;

/**
 * The one wrapping scheme for key import: PKCS#11's CKM_RSA_AES_KEY_WRAP, which is also what cloud KMS
 * imports call {@code RSA_OAEP_3072_SHA1_AES_256}. A fresh AES-256 key wraps the PKCS#8 private key with
 * AES key wrap with padding (RFC 5649); RSA-OAEP (SHA-1, MGF1-SHA-1, empty label) encrypts that AES key
 * under the token's import key. The blob is the OAEP ciphertext (as long as the modulus) followed by the
 * wrapped PKCS#8.
 *
 * <p>OAEP uses SHA-1 because SoftHSM2 2.6, and many HSMs, unwrap OAEP only with SHA-1; OAEP's security
 * does not rest on collision resistance, so SHA-1 is still sound here. Anyone can produce the blob with
 * openssl (docs/cli.md), and a token with C_UnwrapKey unwraps it without the key ever leaving it.
 */
public final class KeyImportScheme {

    /** The scheme name the server publishes with its import key. */
    public static final String NAME = "RSA_OAEP_3072_SHA1_AES_256";
    /** Size of the import key's modulus. */
    public static final int IMPORT_KEY_BITS = 3072;

    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
            PSource.PSpecified.DEFAULT);
    private static final int AES_KEY_BITS = 256;

    private KeyImportScheme() {
    }

    /** Wraps a PKCS#8 private key for the token whose import key is {@code importKey}. */
    public static byte[] wrap(PublicKey importKey, byte[] pkcs8, SecureRandom random) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(AES_KEY_BITS, random);
        SecretKey transport = generator.generateKey();
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, importKey, OAEP, random);
        byte[] encryptedKey = rsa.doFinal(transport.getEncoded());
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(Cipher.ENCRYPT_MODE, transport);
        byte[] wrappedKey = kwp.doFinal(pkcs8);
        byte[] blob = Arrays.copyOf(encryptedKey, encryptedKey.length + wrappedKey.length);
        System.arraycopy(wrappedKey, 0, blob, encryptedKey.length, wrappedKey.length);
        return blob;
    }

    /**
     * Reverses {@link #wrap} with the import private key (the software token's path; an HSM does the same
     * inside the token).
     *
     * @throws GeneralSecurityException when the blob was not made for this import key or was altered
     */
    public static byte[] unwrap(PrivateKey importKey, byte[] blob) throws GeneralSecurityException {
        int split = encryptedKeyLength(importKey, blob);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, importKey, OAEP);
        byte[] aes = rsa.doFinal(blob, 0, split);
        try {
            if (aes.length != AES_KEY_BITS / 8) {
                throw new GeneralSecurityException("the transport key is not AES-256");
            }
            Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
            kwp.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aes, "AES"));
            return kwp.doFinal(blob, split, blob.length - split);
        } finally {
            Arrays.fill(aes, (byte) 0);
        }
    }

    /**
     * Where the OAEP ciphertext ends: the import key's modulus length.
     *
     * @throws GeneralSecurityException when the blob is too short to hold both parts
     */
    public static int encryptedKeyLength(java.security.Key importKey, byte[] blob) throws GeneralSecurityException {
        int modulusBytes = (((RSAKey) importKey).getModulus().bitLength() + 7) / 8;
        // RFC 5649 output is at least 16 bytes and a multiple of 8.
        if (blob.length < modulusBytes + 16 || (blob.length - modulusBytes) % 8 != 0) {
            throw new GeneralSecurityException("a wrapped key for a " + modulusBytes * 8 + "-bit import key is "
                    + modulusBytes + " bytes of RSA-OAEP followed by AES key wrap output; this blob has "
                    + blob.length + " bytes");
        }
        return modulusBytes;
    }
}
