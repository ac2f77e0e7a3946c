package io.inkan.cli.pkcs11;

import io.inkan.core.DigestAlgorithm;

import java.security.MessageDigest;

/**
 * A signing operation between {@code C_SignInit} and the call that ends it. For hash-and-sign mechanisms it
 * holds the running hash of the data (fed by {@code C_SignUpdate}); size queries leave it untouched.
 */
final class SignOperation {

    private final Mechanism mechanism;
    private final TokenObject.SigningKey key;
    private final MessageDigest hash;

    SignOperation(Mechanism mechanism, TokenObject.SigningKey key) {
        this.mechanism = mechanism;
        this.key = key;
        DigestAlgorithm local = SigningMechanisms.localHash(mechanism.type());
        this.hash = local == null ? null : local.newDigest();
    }

    Mechanism mechanism() {
        return mechanism;
    }

    TokenObject.SigningKey key() {
        return key;
    }

    boolean hashesLocally() {
        return hash != null;
    }

    void update(byte[] data) {
        if (hash == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_FUNCTION_NOT_SUPPORTED,
                    "mechanism 0x" + Long.toHexString(mechanism.type()) + " signs in one part only");
        }
        hash.update(data);
    }

    /** What a single-part {@code C_Sign} sends on: the digest of the data, or the data itself for raw mechanisms. */
    byte[] digestOf(byte[] data) {
        return hash == null ? data : hash.digest(data);
    }

    /** The digest of everything {@link #update} received. */
    byte[] finish() {
        if (hash == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_FUNCTION_NOT_SUPPORTED,
                    "mechanism 0x" + Long.toHexString(mechanism.type()) + " signs in one part only");
        }
        return hash.digest();
    }
}
