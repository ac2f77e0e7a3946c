package io.inkan.server.keys.pkcs11;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.KeyFamily;
import io.inkan.server.keys.Mechanism;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.signers.DSAEncoding;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import sun.security.pkcs11.wrapper.CK_MECHANISM;

import java.io.IOException;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_EDDSA;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_RSA_X_509;

/**
 * Maps Inkan's {@link Mechanism}s onto PKCS#11 mechanisms and lays out what the token returns.
 *
 * <p>PKCS#11 ECDSA returns r || s, each half possibly shorter than the curve order when a module strips
 * leading zeros; both layouts Inkan offers are therefore rebuilt from r and s by Bouncy Castle: fixed-width
 * IEEE P1363, or the DER SEQUENCE that X.509 and CMS use.
 */
final class Pkcs11Mechanisms {

    private static final Map<KeyAlgorithm, BigInteger> CURVE_ORDERS = curveOrders();

    private Pkcs11Mechanisms() {
    }

    /**
     * Rejects, before the token sees it, a mechanism that cannot apply to the key's family, and a raw RSA
     * block that is not exactly as long as the modulus: SoftHSM2 2.6.1 terminates the whole process when
     * CKM_RSA_X_509 gets a longer block, and pads a shorter one silently.
     */
    static void checkInput(KeyAlgorithm algorithm, Mechanism mechanism, byte[] input) {
        KeyFamily family = switch (mechanism) {
            case RSA_PKCS1, RSA_RAW -> KeyFamily.RSA;
            case ECDSA_DER, ECDSA_P1363 -> KeyFamily.EC;
            case EDDSA -> KeyFamily.ED25519;
        };
        if (algorithm.family() != family) {
            throw new IllegalArgumentException(mechanism + " does not apply to " + algorithm + " keys");
        }
        if (mechanism == Mechanism.RSA_RAW && input.length != algorithm.bits() / 8) {
            throw new IllegalArgumentException("RSA_RAW needs a block of " + algorithm.bits() / 8 + " bytes for "
                    + algorithm + ", not " + input.length);
        }
    }

    static CK_MECHANISM of(Mechanism mechanism) {
        return new CK_MECHANISM(switch (mechanism) {
            case RSA_PKCS1 -> CKM_RSA_PKCS;
            case RSA_RAW -> CKM_RSA_X_509;
            case ECDSA_DER, ECDSA_P1363 -> CKM_ECDSA;
            case EDDSA -> CKM_EDDSA;
        });
    }

    /** Turns the token's output into the layout {@code mechanism} promises. */
    static byte[] output(KeyAlgorithm algorithm, Mechanism mechanism, byte[] signature) {
        return switch (mechanism) {
            case ECDSA_DER -> ecdsa(algorithm, signature, StandardDSAEncoding.INSTANCE);
            case ECDSA_P1363 -> ecdsa(algorithm, signature, PlainDSAEncoding.INSTANCE);
            case RSA_PKCS1, RSA_RAW, EDDSA -> signature;
        };
    }

    private static byte[] ecdsa(KeyAlgorithm algorithm, byte[] rs, DSAEncoding encoding) {
        int half = rs.length / 2;
        BigInteger r = new BigInteger(1, rs, 0, half);
        BigInteger s = new BigInteger(1, rs, half, half);
        try {
            return encoding.encode(CURVE_ORDERS.get(algorithm), r, s);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an ECDSA signature", e);
        }
    }

    private static Map<KeyAlgorithm, BigInteger> curveOrders() {
        Map<KeyAlgorithm, BigInteger> orders = new EnumMap<>(KeyAlgorithm.class);
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            if (algorithm.family() == KeyFamily.EC) {
                orders.put(algorithm, ECNamedCurveTable.getByName(algorithm.curve()).getN());
            }
        }
        return orders;
    }
}
