package io.inkan.server.notifications;

import io.inkan.server.infra.secrets.DerivedSecretBox;
import io.inkan.server.infra.secrets.MasterKey;
import org.springframework.stereotype.Component;

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

    WebhookSecrets(MasterKey masterKey, SecureRandom random) {
        this.box = masterKey.box("inkan/webhook-secrets/v1", "webhook secret");
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
