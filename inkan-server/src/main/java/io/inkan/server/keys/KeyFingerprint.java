package io.inkan.server.keys;

import io.inkan.core.DigestAlgorithm;

import java.security.PublicKey;
import java.util.HexFormat;

/**
 * The identity of a key across projects and tokens: SHA-256 of its DER SubjectPublicKeyInfo as the JDK
 * encodes it (one canonical encoding, so two spellings of one key cannot pass as two keys). A unique
 * index on it binds each key once (K4).
 */
public final class KeyFingerprint {

    private KeyFingerprint() {
    }

    public static byte[] of(PublicKey publicKey) {
        return of(publicKey.getEncoded());
    }

    static byte[] of(byte[] subjectPublicKeyInfo) {
        return DigestAlgorithm.SHA256.newDigest().digest(subjectPublicKeyInfo);
    }

    /** Lower-case hex, as the API shows it. */
    public static String hex(PublicKey publicKey) {
        return HexFormat.of().formatHex(of(publicKey));
    }
}
