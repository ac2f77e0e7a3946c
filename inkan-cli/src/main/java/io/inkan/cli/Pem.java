package io.inkan.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text for a public key, the form {@code openssl dgst -verify} and most tools read. */
final class Pem {

    private Pem() {
    }

    /** Wraps a DER SubjectPublicKeyInfo as {@code -----BEGIN PUBLIC KEY-----}. */
    static String publicKey(byte[] subjectPublicKeyInfo) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(subjectPublicKeyInfo);
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
