package io.inkan.server.notifications;

import io.inkan.server.InkanProperties;
import io.inkan.server.keys.software.DerivedSecretBox;
import io.inkan.server.keys.software.MasterKey;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
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

    static final int SECRET_BYTES = 32;

    private final DerivedSecretBox box;
    private final SecureRandom random;

    WebhookSecrets(InkanProperties properties, SecureRandom random) {
        InkanProperties.SoftwareToken software = properties.softwareToken();
        Path keyFile = software.masterKeyFile() != null ? software.masterKeyFile()
                : properties.dataDir().resolve("master.key");
        this.box = new DerivedSecretBox(MasterKey.load(software.masterKey(), keyFile, random), "inkan/webhook-secrets/v1",
                random, "webhook secret");
        this.random = random;
    }

    byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    byte[] encrypt(String webhookId, byte[] secret) {
        return box.seal(webhookId, secret);
    }

    byte[] decrypt(String webhookId, byte[] stored) {
        return box.open(webhookId, stored);
    }
}
