package io.inkan.core.api;

import java.util.List;

/**
 * Asks for a PKCS#10 certificate signing request signed by a key inside its token (K5).
 *
 * @param subject          an RFC 4514 distinguished name, e.g. {@code CN=App release,O=Example}; {@code null} for
 *                         {@code CN=<key>,OU=<project>,O=Inkan}
 * @param keyUsage         requested key usages ({@code digitalSignature}, {@code nonRepudiation},
 *                         {@code keyCertSign}, {@code cRLSign}); {@code null} for {@code digitalSignature}
 * @param extendedKeyUsage requested purposes ({@code codeSigning}, {@code timeStamping}, {@code emailProtection},
 *                         {@code clientAuth}) or dotted OIDs; {@code null} for {@code codeSigning}, empty for none
 */
public record CsrRequest(String subject, List<String> keyUsage, List<String> extendedKeyUsage) {

    /** Every option at its default: the key's own subject, {@code digitalSignature}, {@code codeSigning}. */
    public static CsrRequest defaults() {
        return new CsrRequest(null, null, null);
    }
}
