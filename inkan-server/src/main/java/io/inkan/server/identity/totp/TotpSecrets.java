package io.inkan.server.identity.totp;

import io.inkan.server.infra.secrets.DerivedSecretBox;
import io.inkan.server.infra.secrets.MasterKey;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM under a key derived from the software token's master
 * key (which never enters the database), bound to the principal's id as associated data so a row copied
 * to another principal does not decrypt. A database dump alone therefore yields no second factors.
 */
final class TotpSecrets {

    private final DerivedSecretBox box;

    TotpSecrets(MasterKey masterKey) {
        this.box = masterKey.box("inkan/totp-secrets/v1", "TOTP secret");
    }

    byte[] encrypt(String principalId, byte[] secret) {
        return box.seal(principalId, secret);
    }

    byte[] decrypt(String principalId, byte[] stored) {
        return box.open(principalId, stored);
    }
}
