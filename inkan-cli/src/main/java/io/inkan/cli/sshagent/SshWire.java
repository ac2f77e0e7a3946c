package io.inkan.cli.sshagent;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encodings the agent protocol uses (RFC 4251 §5): u32, string, mpint. */
final class SshWire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SshWire byteValue(int value) {
        out.write(value);
        return this;
    }

    SshWire uint32(int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
        return this;
    }

    SshWire string(byte[] value) {
        uint32(value.length);
        out.writeBytes(value);
        return this;
    }

    SshWire string(String value) {
        return string(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** A non-negative integer, two's complement with a leading zero byte only where the top bit is set. */
    SshWire mpint(BigInteger value) {
        return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Reads an SSH string, or throws {@link IllegalArgumentException} when the message is too short. */
    static byte[] readString(ByteBuffer in) {
        try {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("string longer than the message");
            }
            byte[] value = new byte[length];
            in.get(value);
            return value;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("message too short");
        }
    }
}
