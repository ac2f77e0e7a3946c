package io.inkan.cli.pkcs11;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Serves one p11-kit client over a pair of streams (a socket connection, or stdin/stdout in the spawn form).
 * The client first sends one byte, the highest protocol version it speaks; the agent answers 0, which every
 * client accepts (versions 1 and 2 only change calls a signing token does not implement). Then each request
 * frame gets one reply frame with the same code, until the client closes the stream.
 */
final class RpcConnection {

    /** The protocol version the agent answers with. */
    static final int PROTOCOL_VERSION = 0;

    private final Pkcs11Handler handler;
    private final Consumer<String> log;

    RpcConnection(Pkcs11Handler handler, Consumer<String> log) {
        this.handler = handler;
        this.log = log;
    }

    /** Serves until the client closes the stream or sends something malformed (then the stream is dropped). */
    void serve(InputStream in, OutputStream out) throws IOException {
        int offered = in.read();
        if (offered < 0) {
            return;
        }
        out.write(PROTOCOL_VERSION);
        out.flush();
        try {
            RpcFrame request;
            while ((request = RpcFrame.read(in)) != null) {
                new RpcFrame(request.code(), handler.handle(request.body())).write(out);
            }
        } catch (RpcFormatException e) {
            log.accept("dropping a client that sent a malformed message: " + e.getMessage());
        }
    }
}
