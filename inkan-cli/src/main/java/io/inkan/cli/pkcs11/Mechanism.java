package io.inkan.cli.pkcs11;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A {@code CK_MECHANISM} as a signing call carries it. p11-kit changed the wire form in 0.25.6 without
 * tying it to the negotiated protocol version, so the decoder tells the two forms apart by the bytes
 * between the mechanism type and the arguments that follow it:
 * <ul>
 *   <li>0.24.x to 0.25.5: a mechanism without parameter is followed by a NULL byte array (u32 0xffffffff);
 *       RSA-PSS parameters are three bare u64 values (24 bytes);</li>
 *   <li>0.25.6 and later: nothing follows a mechanism without parameter; mechanisms that take one get a
 *       presence byte first (1 byte alone when absent, 25 bytes for RSA-PSS).</li>
 * </ul>
 *
 * @param type       the {@code CKM_} value
 * @param pss        the RSA-PSS parameters, {@code null} when none were sent
 * @param opaque     whether some other parameter was sent (this token supports none)
 */
record Mechanism(long type, Pss pss, boolean opaque) {

    /** {@code CK_RSA_PKCS_PSS_PARAMS}. */
    record Pss(long hash, long mgf, long saltLength) {
    }

    private static final Set<Long> PSS_MECHANISMS = Set.of(Pkcs11.CKM_RSA_PKCS_PSS,
            Pkcs11.CKM_SHA256_RSA_PKCS_PSS, Pkcs11.CKM_SHA384_RSA_PKCS_PSS, Pkcs11.CKM_SHA512_RSA_PKCS_PSS);
    private static final int PSS_LENGTH = 3 * Long.BYTES;
    private static final long NO_MECHANISM = 0xffffffffL;

    /**
     * Reads a mechanism that is followed by exactly {@code following} bytes of other arguments; returns
     * {@code null} for the "no mechanism" marker that cancels an operation.
     */
    static Mechanism read(RpcReader in, int following) {
        long type = Integer.toUnsignedLong(in.uint32());
        byte[] parameter = in.raw(in.remaining() - following);
        if (type == NO_MECHANISM) {
            return null;
        }
        if (isAbsent(parameter)) {
            return new Mechanism(type, null, false);
        }
        if (PSS_MECHANISMS.contains(type)) {
            if (parameter.length == PSS_LENGTH) {
                return new Mechanism(type, pss(ByteBuffer.wrap(parameter)), false);
            }
            if (parameter.length == PSS_LENGTH + 1 && parameter[0] == 1) {
                return new Mechanism(type, pss(ByteBuffer.wrap(parameter, 1, PSS_LENGTH)), false);
            }
        }
        return new Mechanism(type, null, true);
    }

    /** Nothing (0.25.6+ without parameter), a lone 0 presence byte (0.25.6+), or a NULL array (0.24). */
    private static boolean isAbsent(byte[] parameter) {
        if (parameter.length == 0) {
            return true;
        }
        if (parameter.length == 1) {
            return parameter[0] == 0;
        }
        return parameter.length == 4 && (ByteBuffer.wrap(parameter).getInt() == -1 || ByteBuffer.wrap(parameter).getInt() == 0);
    }

    private static Pss pss(ByteBuffer values) {
        return new Pss(values.getLong(), values.getLong(), values.getLong());
    }
}
