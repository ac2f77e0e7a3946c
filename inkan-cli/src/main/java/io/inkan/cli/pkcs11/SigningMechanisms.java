package io.inkan.cli.pkcs11;

import io.inkan.core.DigestAlgorithm;
import io.inkan.core.KeyFamily;
import io.inkan.core.SignatureAlgorithm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The mechanisms the token offers and how each maps onto Inkan's hash-signing contract (an algorithm name
 * and a digest). Raw mechanisms receive a digest (RSA PKCS#1 receives a DigestInfo, which is parsed);
 * hash-and-sign mechanisms receive the data, which the agent hashes locally, so only the digest leaves the
 * machine either way.
 */
final class SigningMechanisms {

    /** In the order {@code C_GetMechanismList} reports them. */
    static final List<Long> SUPPORTED = List.of(
            Pkcs11.CKM_RSA_PKCS, Pkcs11.CKM_RSA_PKCS_PSS,
            Pkcs11.CKM_SHA256_RSA_PKCS, Pkcs11.CKM_SHA384_RSA_PKCS, Pkcs11.CKM_SHA512_RSA_PKCS,
            Pkcs11.CKM_SHA256_RSA_PKCS_PSS, Pkcs11.CKM_SHA384_RSA_PKCS_PSS, Pkcs11.CKM_SHA512_RSA_PKCS_PSS,
            Pkcs11.CKM_ECDSA, Pkcs11.CKM_ECDSA_SHA256, Pkcs11.CKM_ECDSA_SHA384, Pkcs11.CKM_ECDSA_SHA512);

    private static final Map<Long, DigestAlgorithm> HASHED = Map.of(
            Pkcs11.CKM_SHA256_RSA_PKCS, DigestAlgorithm.SHA256, Pkcs11.CKM_SHA384_RSA_PKCS, DigestAlgorithm.SHA384,
            Pkcs11.CKM_SHA512_RSA_PKCS, DigestAlgorithm.SHA512,
            Pkcs11.CKM_SHA256_RSA_PKCS_PSS, DigestAlgorithm.SHA256, Pkcs11.CKM_SHA384_RSA_PKCS_PSS, DigestAlgorithm.SHA384,
            Pkcs11.CKM_SHA512_RSA_PKCS_PSS, DigestAlgorithm.SHA512,
            Pkcs11.CKM_ECDSA_SHA256, DigestAlgorithm.SHA256, Pkcs11.CKM_ECDSA_SHA384, DigestAlgorithm.SHA384,
            Pkcs11.CKM_ECDSA_SHA512, DigestAlgorithm.SHA512);

    private static final Map<Long, DigestAlgorithm> PSS_HASHES = Map.of(
            Pkcs11.CKM_SHA256, DigestAlgorithm.SHA256, Pkcs11.CKM_SHA384, DigestAlgorithm.SHA384,
            Pkcs11.CKM_SHA512, DigestAlgorithm.SHA512);
    private static final Map<DigestAlgorithm, Long> MGF1 = Map.of(
            DigestAlgorithm.SHA256, Pkcs11.CKG_MGF1_SHA256, DigestAlgorithm.SHA384, Pkcs11.CKG_MGF1_SHA384,
            DigestAlgorithm.SHA512, Pkcs11.CKG_MGF1_SHA512);

    /** The DER prefix of a DigestInfo, with and without the NULL algorithm parameter. */
    private static final Map<DigestAlgorithm, List<byte[]>> DIGEST_INFO_PREFIXES = Map.of(
            DigestAlgorithm.SHA256, prefixes("3031300d0609608648016503040201050004 20", "302f300b0609608648016503040201 0420"),
            DigestAlgorithm.SHA384, prefixes("3041300d0609608648016503040202050004 30", "303f300b0609608648016503040202 0430"),
            DigestAlgorithm.SHA512, prefixes("3051300d0609608648016503040203050004 40", "304f300b0609608648016503040203 0440"));

    private SigningMechanisms() {
    }

    /** What the server is asked to sign. */
    record RemoteSignature(SignatureAlgorithm algorithm, byte[] digest) {
    }

    static boolean isSupported(long mechanism) {
        return SUPPORTED.contains(mechanism);
    }

    static KeyFamily family(long mechanism) {
        return mechanism >= Pkcs11.CKM_ECDSA ? KeyFamily.EC : KeyFamily.RSA;
    }

    /** The hash the agent computes for a hash-and-sign mechanism; {@code null} for raw mechanisms. */
    static DigestAlgorithm localHash(long mechanism) {
        return HASHED.get(mechanism);
    }

    /** Fails unless {@code mechanism} can sign with a key of {@code family}: type, parameters, salt. */
    static void check(Mechanism mechanism, KeyFamily family) {
        if (!isSupported(mechanism.type()) || mechanism.opaque()) {
            throw new Pkcs11Failure(Pkcs11.CKR_MECHANISM_INVALID, "unsupported mechanism 0x" + Long.toHexString(mechanism.type()));
        }
        if (family(mechanism.type()) != family) {
            throw new Pkcs11Failure(Pkcs11.CKR_KEY_TYPE_INCONSISTENT,
                    "mechanism 0x" + Long.toHexString(mechanism.type()) + " cannot use a " + family + " key");
        }
        boolean pss = mechanism.type() == Pkcs11.CKM_RSA_PKCS_PSS || mechanism.type() >= Pkcs11.CKM_SHA256_RSA_PKCS_PSS
                && mechanism.type() <= Pkcs11.CKM_SHA512_RSA_PKCS_PSS;
        if (pss) {
            pssHash(mechanism);
        }
    }

    /**
     * The PSS hash, checked against what Inkan signs: MGF1 with the same hash and a salt as long as the hash.
     * OpenSSL's default salt is the maximum; users pass {@code -sigopt rsa_pss_saltlen:digest}.
     */
    private static DigestAlgorithm pssHash(Mechanism mechanism) {
        Mechanism.Pss pss = mechanism.pss();
        if (pss == null) {
            throw new Pkcs11Failure(Pkcs11.CKR_MECHANISM_PARAM_INVALID, "RSA-PSS needs its parameters");
        }
        DigestAlgorithm hash = PSS_HASHES.get(pss.hash());
        DigestAlgorithm fixed = localHash(mechanism.type());
        if (hash == null || (fixed != null && fixed != hash)) {
            throw new Pkcs11Failure(Pkcs11.CKR_MECHANISM_PARAM_INVALID, "RSA-PSS hash must be SHA-256, SHA-384 or SHA-512"
                    + (fixed == null ? "" : " matching the mechanism"));
        }
        if (pss.mgf() != MGF1.get(hash) || pss.saltLength() != hash.length()) {
            throw new Pkcs11Failure(Pkcs11.CKR_MECHANISM_PARAM_INVALID, "RSA-PSS needs MGF1 with " + hash.jcaName()
                    + " and a salt of " + hash.length() + " bytes (openssl: -sigopt rsa_pss_saltlen:digest), got salt "
                    + pss.saltLength());
        }
        return hash;
    }

    /**
     * The remote request for {@code input}: the digest a raw mechanism received (unwrapped from a DigestInfo
     * for RSA PKCS#1), or the digest the agent computed for a hash-and-sign mechanism.
     */
    static RemoteSignature remote(Mechanism mechanism, byte[] input) {
        long type = mechanism.type();
        if (family(type) == KeyFamily.EC) {
            return new RemoteSignature(ecdsa(digestOfLength(input)), input);
        }
        if (type == Pkcs11.CKM_RSA_PKCS || (type >= Pkcs11.CKM_SHA256_RSA_PKCS && type <= Pkcs11.CKM_SHA512_RSA_PKCS)) {
            if (type == Pkcs11.CKM_RSA_PKCS) {
                for (Map.Entry<DigestAlgorithm, List<byte[]>> entry : DIGEST_INFO_PREFIXES.entrySet()) {
                    for (byte[] prefix : entry.getValue()) {
                        if (startsWith(input, prefix) && input.length == prefix.length + entry.getKey().length()) {
                            return new RemoteSignature(pkcs1(entry.getKey()), Arrays.copyOfRange(input, prefix.length, input.length));
                        }
                    }
                }
                throw new Pkcs11Failure(Pkcs11.CKR_DATA_INVALID,
                        "CKM_RSA_PKCS input is not a SHA-256/384/512 DigestInfo (" + input.length + " bytes)");
            }
            return new RemoteSignature(pkcs1(localHash(type)), input);
        }
        DigestAlgorithm hash = pssHash(mechanism);
        if (input.length != hash.length()) {
            throw new Pkcs11Failure(Pkcs11.CKR_DATA_LEN_RANGE,
                    "RSA-PSS with " + hash.jcaName() + " signs a " + hash.length() + "-byte digest, got " + input.length);
        }
        return new RemoteSignature(switch (hash) {
            case SHA256 -> SignatureAlgorithm.RSA_PSS_SHA256;
            case SHA384 -> SignatureAlgorithm.RSA_PSS_SHA384;
            case SHA512 -> SignatureAlgorithm.RSA_PSS_SHA512;
        }, input);
    }

    private static DigestAlgorithm digestOfLength(byte[] digest) {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            if (algorithm.length() == digest.length) {
                return algorithm;
            }
        }
        throw new Pkcs11Failure(Pkcs11.CKR_DATA_LEN_RANGE,
                "ECDSA signs a SHA-256, SHA-384 or SHA-512 digest (32, 48 or 64 bytes), got " + digest.length + " bytes");
    }

    private static SignatureAlgorithm ecdsa(DigestAlgorithm hash) {
        return switch (hash) {
            case SHA256 -> SignatureAlgorithm.ECDSA_SHA256_P1363;
            case SHA384 -> SignatureAlgorithm.ECDSA_SHA384_P1363;
            case SHA512 -> SignatureAlgorithm.ECDSA_SHA512_P1363;
        };
    }

    private static SignatureAlgorithm pkcs1(DigestAlgorithm hash) {
        return switch (hash) {
            case SHA256 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
            case SHA384 -> SignatureAlgorithm.RSA_PKCS1_SHA384;
            case SHA512 -> SignatureAlgorithm.RSA_PKCS1_SHA512;
        };
    }

    private static boolean startsWith(byte[] input, byte[] prefix) {
        return input.length >= prefix.length && Arrays.equals(input, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static List<byte[]> prefixes(String... hex) {
        return Arrays.stream(hex).map(h -> HexFormat.of().parseHex(h.replace(" ", ""))).toList();
    }
}
