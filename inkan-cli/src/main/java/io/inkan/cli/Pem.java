package io.inkan.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text for public keys and certificates, the form {@code openssl} and most tools read. */
final class Pem {

    private Pem() {
    }

    /** Wraps a DER SubjectPublicKeyInfo as {@code -----BEGIN PUBLIC KEY-----}. */
    static String publicKey(byte[] subjectPublicKeyInfo) {
        return encode("PUBLIC KEY", subjectPublicKeyInfo);
    }

    /** Wraps DER as {@code -----BEGIN <type>-----}, 64 characters a line. */
    static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
