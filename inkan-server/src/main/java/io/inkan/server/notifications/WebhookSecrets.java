package io.inkan.server.notifications;

import io.inkan.server.InkanProperties;
import io.inkan.server.keys.software.MasterKey;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Keeps webhook HMAC secrets encrypted at rest. Unlike API tokens they cannot be stored as hashes: the
 * server needs the secret itself to sign every delivery, and the receiver holds the same secret to
 * check it (decision 009). So they are sealed with AES-256-GCM under a key derived from the master key
 * (which never enters the database), with the webhook's id as associated data so a row copied to
 * another webhook does not decrypt.
 */
@Component
class WebhookSecrets {

    private static final byte[] LABEL = "inkan/webhook-secrets/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final int SECRET_BYTES = 32;

    private final SecretKey key;
    private final SecureRandom random;

    WebhookSecrets(InkanProperties properties, SecureRandom random) {
        InkanProperties.SoftwareToken software = properties.softwareToken();
        Path keyFile = software.masterKeyFile() != null ? software.masterKeyFile()
                : properties.dataDir().resolve("master.key");
        SecretKey masterKey = MasterKey.load(software.masterKey(), keyFile, random);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey.getEncoded(), "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal(LABEL), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the webhook secret key", e);
        }
        this.random = random;
    }

    byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    byte[] encrypt(String webhookId, byte[] secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    byte[] decrypt(String webhookId, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored webhook secret does not decrypt (wrong master key or tampered row)", e);
        }
    }
}
