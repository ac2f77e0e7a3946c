package io.inkan.server.keys;

/**
 * The raw private-key operations a {@link KeyToken} performs. Each maps onto one PKCS#11 mechanism, so a
 * hardware token never has to hash or pad in software.
 */
public enum Mechanism {
    /** RSASSA-PKCS1-v1_5 padding (block type 1) over a DER DigestInfo, then the RSA private operation (CKM_RSA_PKCS). */
    RSA_PKCS1,
    /** The bare RSA private operation on a block as long as the modulus (CKM_RSA_X_509); used for PSS. */
    RSA_RAW,
    /** ECDSA over a digest, signature as DER SEQUENCE { r, s } (CKM_ECDSA). */
    ECDSA_DER,
    /** ECDSA over a digest, signature as r || s (CKM_ECDSA). */
    ECDSA_P1363,
    /** Pure Ed25519 over the message (CKM_EDDSA). */
    EDDSA
}
