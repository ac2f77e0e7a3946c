package io.inkan.cli.pkcs11;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One message of p11-kit's RPC transport: a 12-byte header (u32 big-endian code, options length, body
 * length), then the options and the body. The code is a serial number the reply repeats; the options carry
 * the client's module name and are ignored. Replies have no options.
 */
record RpcFrame(int code, byte[] body) {

    /** Larger requests are refused: the biggest real one (a template or data to hash) is far smaller. */
    static final int MAX_PART = 16 * 1024 * 1024;

    /** The next frame, or {@code null} when the peer closed the stream between frames. */
    static RpcFrame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[12];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        try {
            data.readFully(header, 1, 11);
        } catch (EOFException e) {
            throw new RpcFormatException("truncated frame header");
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        int code = fields.getInt();
        long options = Integer.toUnsignedLong(fields.getInt());
        long body = Integer.toUnsignedLong(fields.getInt());
        if (options > MAX_PART || body > MAX_PART) {
            throw new RpcFormatException("frame too large");
        }
        byte[] payload = new byte[(int) body];
        try {
            // Read, not skipped: skipping seeks, which fails on the socket pair of the spawn form.
            data.readFully(new byte[(int) options]);
            data.readFully(payload);
        } catch (EOFException e) {
            throw new RpcFormatException("truncated frame body");
        }
        return new RpcFrame(code, payload);
    }

    void write(OutputStream out) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).putInt(code).putInt(0).putInt(body.length);
        out.write(header.array());
        out.write(body);
        out.flush();
    }
}
