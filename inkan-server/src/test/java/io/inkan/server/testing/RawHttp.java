package io.inkan.server.testing;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written byte by byte over a TLS socket, for requests no HTTP client would send: malformed
 * request lines and paths, oversized headers, illegal header bytes. The caller ends the request head;
 * the response is read until the server closes the connection (send {@code Connection: close}).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} (ISO-8859-1 bytes, as on the wire) and returns the server's answer. */
    public static Response send(TestServer server, String request) {
        try (SSLSocket socket = (SSLSocket) ApiCaller.tls(server.serverCertificate(), null).getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Response.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line's code, the header block and the body (chunked bodies are kept as sent). */
    public record Response(int status, String headers, String body) {

        static Response parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                throw new AssertionError("not an HTTP/1.1 response: " + text);
            }
            return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
        }

        /** The value of a header, or {@code null}. */
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
