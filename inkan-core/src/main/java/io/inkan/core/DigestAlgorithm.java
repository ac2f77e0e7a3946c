package io.inkan.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Hash functions a client may use to digest an artifact before asking for a signature. */
public enum DigestAlgorithm {
    SHA256("SHA-256", 32, "2.16.840.1.101.3.4.2.1"),
    SHA384("SHA-384", 48, "2.16.840.1.101.3.4.2.2"),
    SHA512("SHA-512", 64, "2.16.840.1.101.3.4.2.3");

    private final String jcaName;
    private final int length;
    private final String oid;

    DigestAlgorithm(String jcaName, int length, String oid) {
        this.jcaName = jcaName;
        this.length = length;
        this.oid = oid;
    }

    public String jcaName() {
        return jcaName;
    }

    /** Digest length in bytes; a submitted digest of any other length is refused. */
    public int length() {
        return length;
    }

    public String oid() {
        return oid;
    }

    /** A fresh digest instance; the JDK always provides these three. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }
}
