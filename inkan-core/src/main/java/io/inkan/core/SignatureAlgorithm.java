package io.inkan.core;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/**
 * The signature algorithms of the hash-signing API. Every one but {@link #ED25519} signs a digest the
 * client computed; Ed25519 is "pure" and signs the (small) to-be-signed bytes themselves.
 *
 * <p>Each constant also knows the standard JCA name a verifier uses to check its output, so clients and
 * tests verify with the JDK instead of re-implementing any padding.
 */
public enum SignatureAlgorithm {
    RSA_PKCS1_SHA256(KeyFamily.RSA, DigestAlgorithm.SHA256, Encoding.PKCS1),
    RSA_PKCS1_SHA384(KeyFamily.RSA, DigestAlgorithm.SHA384, Encoding.PKCS1),
    RSA_PKCS1_SHA512(KeyFamily.RSA, DigestAlgorithm.SHA512, Encoding.PKCS1),
    RSA_PSS_SHA256(KeyFamily.RSA, DigestAlgorithm.SHA256, Encoding.PSS),
    RSA_PSS_SHA384(KeyFamily.RSA, DigestAlgorithm.SHA384, Encoding.PSS),
    RSA_PSS_SHA512(KeyFamily.RSA, DigestAlgorithm.SHA512, Encoding.PSS),
    ECDSA_SHA256(KeyFamily.EC, DigestAlgorithm.SHA256, Encoding.DER),
    ECDSA_SHA384(KeyFamily.EC, DigestAlgorithm.SHA384, Encoding.DER),
    ECDSA_SHA512(KeyFamily.EC, DigestAlgorithm.SHA512, Encoding.DER),
    ECDSA_SHA256_P1363(KeyFamily.EC, DigestAlgorithm.SHA256, Encoding.P1363),
    ECDSA_SHA384_P1363(KeyFamily.EC, DigestAlgorithm.SHA384, Encoding.P1363),
    ECDSA_SHA512_P1363(KeyFamily.EC, DigestAlgorithm.SHA512, Encoding.P1363),
    ED25519(KeyFamily.ED25519, null, Encoding.PURE);

    /** Largest to-be-signed input accepted for pure Ed25519 (signed attributes are far smaller). */
    public static final int MAX_PURE_INPUT = 1024;

    /** How the signature value is laid out. */
    public enum Encoding {
        /** RSASSA-PKCS1-v1_5 over a DigestInfo. */
        PKCS1,
        /** RSASSA-PSS, MGF1 with the same hash, salt as long as the hash, trailer 1. */
        PSS,
        /** ECDSA as an ASN.1 SEQUENCE of r and s. */
        DER,
        /** ECDSA as r || s, each padded to the field size (IEEE P1363, JOSE, XML DSig). */
        P1363,
        /** EdDSA over the message itself. */
        PURE
    }

    private final KeyFamily keyFamily;
    private final DigestAlgorithm digest;
    private final Encoding encoding;

    SignatureAlgorithm(KeyFamily keyFamily, DigestAlgorithm digest, Encoding encoding) {
        this.keyFamily = keyFamily;
        this.digest = digest;
        this.encoding = encoding;
    }

    public KeyFamily keyFamily() {
        return keyFamily;
    }

    /** The digest the client must send; {@code null} for pure Ed25519. */
    public DigestAlgorithm digest() {
        return digest;
    }

    public Encoding encoding() {
        return encoding;
    }

    public boolean isPrehashed() {
        return digest != null;
    }

    /** PSS parameters matching the server's choice: MGF1 with the digest, salt length = digest length. */
    public PSSParameterSpec pssParameters() {
        if (encoding != Encoding.PSS) {
            throw new IllegalStateException(this + " is not RSA-PSS");
        }
        String hash = digest.jcaName();
        return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), digest.length(), 1);
    }

    /**
     * The standard JCA name of this algorithm over a whole message, e.g. {@code SHA256withECDSA}; for PSS
     * it is {@code RSASSA-PSS}, which also needs {@link #pssParameters()}.
     */
    public String jcaName() {
        String hash = digest == null ? null : digest.jcaName().replace("-", "");
        return switch (encoding) {
            case PKCS1 -> hash + "withRSA";
            case PSS -> "RSASSA-PSS";
            case DER -> hash + "withECDSA";
            case P1363 -> hash + "withECDSAinP1363Format";
            case PURE -> "Ed25519";
        };
    }

    /**
     * A JDK {@link Signature} that verifies (over the original message, not the digest) what the service
     * produced for this algorithm.
     */
    public Signature newVerifier() throws NoSuchAlgorithmException {
        Signature verifier = Signature.getInstance(jcaName());
        if (encoding == Encoding.PSS) {
            try {
                verifier.setParameter(pssParameters());
            } catch (InvalidAlgorithmParameterException e) {
                throw new IllegalStateException("JDK refused standard PSS parameters", e);
            }
        }
        return verifier;
    }

    /** Parses a name case-insensitively, accepting {@code -} for {@code _}. */
    public static SignatureAlgorithm parse(String name) {
        return SignatureAlgorithm.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
