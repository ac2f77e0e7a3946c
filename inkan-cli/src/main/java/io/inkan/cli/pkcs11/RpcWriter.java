package io.inkan.cli.pkcs11;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the body of one p11-kit RPC reply: the call id, the reply's signature string, then the values in
 * that order. The encodings are the inverse of {@link RpcReader}'s.
 */
final class RpcWriter {

    /** The id of p11-kit's error reply, whose only value is the {@code CK_RV}. */
    static final int ERROR_CALL = 0;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RpcWriter(int callId, String signature) {
        uint32(callId);
        byteArray(signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The reply p11-kit sends when a call fails: call 0, signature {@code u}, the return value. */
    static byte[] error(long rv) {
        return new RpcWriter(ERROR_CALL, "u").ulong(rv).toByteArray();
    }

    RpcWriter byteValue(int value) {
        out.write(value);
        return this;
    }

    RpcWriter ulong(long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    RpcWriter uint32(long value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt((int) value).array());
        return this;
    }

    /** {@code v}: a {@code CK_VERSION}. */
    RpcWriter version(int major, int minor) {
        return byteValue(major).byteValue(minor);
    }

    /** {@code s}: a blank-padded UTF-8 field of exactly {@code length} bytes, cut if longer. */
    RpcWriter spaceString(String text, int length) {
        byte[] field = new byte[length];
        Arrays.fill(field, (byte) ' ');
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(utf8, 0, field, 0, Math.min(length, utf8.length));
        return byteArray(field);
    }

    /** {@code ay} with data. */
    RpcWriter bytes(byte[] value) {
        return byteValue(1).byteArray(value);
    }

    /** {@code ay} without data: only the length the client needs (a size query or a too small buffer). */
    RpcWriter bytesLength(long length) {
        return byteValue(0).uint32(length);
    }

    /** {@code au} with data. */
    RpcWriter ulongs(long[] values) {
        byteValue(1).uint32(values.length);
        for (long value : values) {
            ulong(value);
        }
        return this;
    }

    /** {@code au} without data: only the count. */
    RpcWriter ulongsCount(long count) {
        return byteValue(0).uint32(count);
    }

    RpcWriter byteArray(byte[] value) {
        uint32(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Starts {@code aA}: the number of attributes that follow. */
    RpcWriter attributeCount(int count) {
        return uint32(count);
    }

    /** One attribute the object lacks, or whose value did not fit: no value. */
    RpcWriter attributeUnavailable(long type) {
        return uint32(type).byteValue(0);
    }

    /** One attribute with its value, encoded as p11-kit's table says. */
    RpcWriter attribute(long type, AttributeValue value) {
        uint32(type).byteValue(1).uint32(value.nativeLength());
        if (value instanceof AttributeValue.Flag flag) {
            return byteValue(flag.value() ? 1 : 0);
        }
        if (value instanceof AttributeValue.Number number) {
            return ulong(number.value());
        }
        return byteArray(((AttributeValue.Bytes) value).value());
    }

    /** One attribute's length only (a size query): the value is the kind's empty form. */
    RpcWriter attributeLength(long type, AttributeValue value) {
        uint32(type).byteValue(1).uint32(value.nativeLength());
        if (value instanceof AttributeValue.Flag) {
            return byteValue(0);
        }
        return value instanceof AttributeValue.Number ? ulong(0) : uint32(0xffffffffL);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
