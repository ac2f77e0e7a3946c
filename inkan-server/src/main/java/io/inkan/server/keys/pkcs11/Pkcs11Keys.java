package io.inkan.server.keys.pkcs11;

import io.inkan.core.KeyAlgorithm;
import io.inkan.server.keys.TokenException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_DECRYPT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_DERIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ENCRYPT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS_BITS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_UNWRAP;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_VERIFY;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_WRAP;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_EC_EDWARDS_KEY_PAIR_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;

/**
 * Creates and finds a token's key pairs through the JDK's PKCS#11 wrapper.
 *
 * <p>Keys are generated here rather than with SunPKCS11's KeyPairGenerator for two reasons: SunPKCS11
 * neither labels the objects it creates nor tells which objects it created, so a key could not be found
 * again after a restart; and SunPKCS11 in JDK 17 cannot generate Ed25519 keys. With the wrapper, both
 * halves get CKA_ID = CKA_LABEL = the key's handle (UTF-8) in the same call that creates them, together
 * with the protection attributes, so no unlabelled or extractable key ever exists on the token.
 *
 * <p>The public half is read back and re-created with the JDK's standard key factories, so callers can
 * verify with the default providers.
 */
final class Pkcs11Keys {

    /** A freshly generated pair: the private key's object handle, and the public key. */
    record Generated(long privateKey, PublicKey publicKey) {
    }

    private static final BigInteger RSA_PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    private static final int ED25519_KEY_LENGTH = 32;

    private final PKCS11 module;
    private final String tokenName;

    Pkcs11Keys(PKCS11 module, String tokenName) {
        this.module = module;
        this.tokenName = tokenName;
    }

    Generated generate(long session, String handle, KeyAlgorithm algorithm) throws PKCS11Exception {
        byte[] id = handle.getBytes(StandardCharsets.UTF_8);
        try {
            CK_ATTRIBUTE[] publicTemplate = concat(new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(CKA_TOKEN, true),
                    new CK_ATTRIBUTE(CKA_PRIVATE, false),
                    new CK_ATTRIBUTE(CKA_VERIFY, true),
                    new CK_ATTRIBUTE(CKA_ENCRYPT, false),
                    new CK_ATTRIBUTE(CKA_WRAP, false),
                    new CK_ATTRIBUTE(CKA_ID, id),
                    new CK_ATTRIBUTE(CKA_LABEL, id)
            }, domainParameters(algorithm));
            CK_ATTRIBUTE[] privateTemplate = {
                    new CK_ATTRIBUTE(CKA_TOKEN, true),
                    new CK_ATTRIBUTE(CKA_PRIVATE, true),
                    new CK_ATTRIBUTE(CKA_SENSITIVE, true),
                    new CK_ATTRIBUTE(CKA_EXTRACTABLE, false),
                    new CK_ATTRIBUTE(CKA_SIGN, true),
                    new CK_ATTRIBUTE(CKA_DECRYPT, false),
                    new CK_ATTRIBUTE(CKA_UNWRAP, false),
                    new CK_ATTRIBUTE(CKA_DERIVE, false),
                    new CK_ATTRIBUTE(CKA_ID, id),
                    new CK_ATTRIBUTE(CKA_LABEL, id)
            };
            long[] pair = module.C_GenerateKeyPair(session, new CK_MECHANISM(generator(algorithm)), publicTemplate,
                    privateTemplate);
            return new Generated(pair[1], publicKey(session, pair[0], algorithm));
        } catch (IOException | GeneralSecurityException e) {
            throw new TokenException("cannot encode or read the " + algorithm + " key '" + handle + "' of token '"
                    + tokenName + "'", e);
        }
    }

    /** The private key labelled {@code handle}, if the token has one. */
    OptionalLong findPrivate(long session, String handle) throws PKCS11Exception {
        byte[] id = handle.getBytes(StandardCharsets.UTF_8);
        module.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
                new CK_ATTRIBUTE(CKA_ID, id),
                new CK_ATTRIBUTE(CKA_LABEL, id)
        });
        long[] found;
        try {
            found = module.C_FindObjects(session, 2);
        } finally {
            module.C_FindObjectsFinal(session);
        }
        if (found.length > 1) {
            throw new TokenException("key '" + handle + "' exists more than once in token '" + tokenName + "'");
        }
        return found.length == 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }

    /** Destroys every object (private key, public key, certificate) labelled {@code handle}; returns how many. */
    int destroy(long session, String handle) throws PKCS11Exception {
        byte[] id = handle.getBytes(StandardCharsets.UTF_8);
        module.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(CKA_ID, id),
                new CK_ATTRIBUTE(CKA_LABEL, id)
        });
        long[] found;
        try {
            found = module.C_FindObjects(session, 16);
        } finally {
            module.C_FindObjectsFinal(session);
        }
        for (long object : found) {
            module.C_DestroyObject(session, object);
        }
        return found.length;
    }

    private static long generator(KeyAlgorithm algorithm) {
        return switch (algorithm.family()) {
            case RSA -> CKM_RSA_PKCS_KEY_PAIR_GEN;
            case EC -> CKM_EC_KEY_PAIR_GEN;
            case ED25519 -> CKM_EC_EDWARDS_KEY_PAIR_GEN;
        };
    }

    private static CK_ATTRIBUTE[] domainParameters(KeyAlgorithm algorithm) throws IOException {
        return switch (algorithm.family()) {
            case RSA -> new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(CKA_MODULUS_BITS, (long) algorithm.bits()),
                    new CK_ATTRIBUTE(CKA_PUBLIC_EXPONENT, RSA_PUBLIC_EXPONENT)
            };
            case EC -> new CK_ATTRIBUTE[] {new CK_ATTRIBUTE(CKA_EC_PARAMS, curve(algorithm).getEncoded())};
            // SoftHSM2 2.6 and PKCS#11 3.0 name the curve by its RFC 8410 OID.
            case ED25519 -> new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(CKA_EC_PARAMS, EdECObjectIdentifiers.id_Ed25519.getEncoded())
            };
        };
    }

    private PublicKey publicKey(long session, long object, KeyAlgorithm algorithm)
            throws PKCS11Exception, IOException, GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance(algorithm.family().jcaName());
        return switch (algorithm.family()) {
            case RSA -> {
                CK_ATTRIBUTE[] values = {new CK_ATTRIBUTE(CKA_MODULUS), new CK_ATTRIBUTE(CKA_PUBLIC_EXPONENT)};
                module.C_GetAttributeValue(session, object, values);
                yield factory.generatePublic(new RSAPublicKeySpec(values[0].getBigInteger(), values[1].getBigInteger()));
            }
            case EC -> {
                AlgorithmIdentifier ec = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve(algorithm));
                byte[] point = ecPoint(session, object, 1 + 2 * ((algorithm.bits() + 7) / 8));
                yield factory.generatePublic(new X509EncodedKeySpec(new SubjectPublicKeyInfo(ec, point).getEncoded()));
            }
            case ED25519 -> {
                AlgorithmIdentifier ed25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
                byte[] point = ecPoint(session, object, ED25519_KEY_LENGTH);
                yield factory.generatePublic(new X509EncodedKeySpec(new SubjectPublicKeyInfo(ed25519, point).getEncoded()));
            }
        };
    }

    /**
     * CKA_EC_POINT as bare bytes. PKCS#11 specifies a DER OCTET STRING around the point (SoftHSM2 does so),
     * but some modules return the point itself, recognisable by its exact length.
     */
    private byte[] ecPoint(long session, long object, int bareLength) throws PKCS11Exception {
        CK_ATTRIBUTE[] value = {new CK_ATTRIBUTE(CKA_EC_POINT)};
        module.C_GetAttributeValue(session, object, value);
        byte[] point = value[0].getByteArray();
        return point.length == bareLength ? point : ASN1OctetString.getInstance(point).getOctets();
    }

    private static ASN1ObjectIdentifier curve(KeyAlgorithm algorithm) {
        return ECNamedCurveTable.getOID(algorithm.curve());
    }

    private static CK_ATTRIBUTE[] concat(CK_ATTRIBUTE[] first, CK_ATTRIBUTE[] second) {
        return Stream.concat(Stream.of(first), Stream.of(second)).toArray(CK_ATTRIBUTE[]::new);
    }
}
