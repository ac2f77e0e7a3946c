package io.inkan.cli.pkcs11;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of one p11-kit RPC request: the call id, the signature string, then the arguments in the
 * order the signature lists them. Every read checks the remaining length; a short or inconsistent body is a
 * {@link RpcFormatException}.
 */
final class RpcReader {

    /** An attribute the client asks for: its type and the room it has for the value (0: a size query). */
    record Requested(long type, long capacity) {
    }

    private final ByteBuffer body;
    private final int callId;
    private final String signature;

    RpcReader(byte[] body) {
        this.body = ByteBuffer.wrap(body);
        this.callId = uint32();
        byte[] signatureBytes = byteArray();
        this.signature = signatureBytes == null ? "" : new String(signatureBytes, StandardCharsets.US_ASCII);
    }

    int callId() {
        return callId;
    }

    String signature() {
        return signature;
    }

    int remaining() {
        return body.remaining();
    }

    /** {@code y}: one byte. */
    int byteValue() {
        return guard(() -> Byte.toUnsignedInt(body.get()));
    }

    /** {@code u}: a {@code CK_ULONG}, always 64 bits on the wire. */
    long ulong() {
        return guard(body::getLong);
    }

    int uint32() {
        return guard(body::getInt);
    }

    /** A length-prefixed byte array; {@code null} for the NULL marker 0xffffffff. */
    byte[] byteArray() {
        int length = uint32();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > body.remaining()) {
            throw new RpcFormatException("byte array longer than the message");
        }
        byte[] value = new byte[length];
        body.get(value);
        return value;
    }

    /** {@code ay}: a presence byte, then the array, or only its length when absent ({@code null} here). */
    byte[] bytes() {
        if (byteValue() == 0) {
            uint32();
            return null;
        }
        byte[] value = byteArray();
        return value == null ? new byte[0] : value;
    }

    /** {@code fy} or {@code fu}: the number of elements the client has room for; 0 asks for the size only. */
    long capacity() {
        return Integer.toUnsignedLong(uint32());
    }

    /** {@code fA}: the attributes asked for, with the room for each. */
    List<Requested> attributeTemplate() {
        int count = count();
        List<Requested> requested = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requested.add(new Requested(Integer.toUnsignedLong(uint32()), Integer.toUnsignedLong(uint32())));
        }
        return requested;
    }

    /** {@code aA}: attributes with values (a search template), each encoded as {@link AttributeKind} says. */
    Map<Long, AttributeValue> attributes() {
        int count = count();
        Map<Long, AttributeValue> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long type = Integer.toUnsignedLong(uint32());
            if (byteValue() == 0) {
                continue;
            }
            uint32();
            AttributeValue value = switch (AttributeKind.of(type)) {
                case FLAG -> AttributeValue.of(byteValue() != 0);
                case NUMBER -> AttributeValue.of(ulong());
                case BYTES -> {
                    byte[] bytes = byteArray();
                    yield AttributeValue.of(bytes == null ? new byte[0] : bytes);
                }
                case UNSUPPORTED -> throw new RpcFormatException("unsupported attribute in a template: " + type);
            };
            attributes.put(type, value);
        }
        return attributes;
    }

    /** Reads {@code n} raw bytes. */
    byte[] raw(int n) {
        if (n < 0 || n > body.remaining()) {
            throw new RpcFormatException("message too short");
        }
        byte[] value = new byte[n];
        body.get(value);
        return value;
    }

    /** Fails unless every byte was read: trailing bytes mean the two sides disagree on the format. */
    void end() {
        if (body.hasRemaining()) {
            throw new RpcFormatException(body.remaining() + " unexpected trailing bytes");
        }
    }

    private int count() {
        int count = uint32();
        if (count < 0 || count > body.remaining()) {
            throw new RpcFormatException("element count larger than the message");
        }
        return count;
    }

    private <T> T guard(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new RpcFormatException("message too short");
        }
    }
}
