package io.inkan.cli.formats.tsa;

import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * An RFC 3161 client: asks a time-stamping authority to time-stamp a SHA-256 digest (with a random nonce
 * and a request for its certificate) and returns the token after checking the reply matches the request.
 * Used where the format library has no time-stamping of its own (CMS).
 */
public final class TimestampClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI tsa;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public TimestampClient(URI tsa) {
        this.tsa = tsa;
    }

    /** A time-stamp token over the SHA-256 of {@code data}. */
    public TimeStampToken timestamp(byte[] data) throws IOException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256(data), new BigInteger(64, RANDOM));
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(tsa).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + tsa + " for a time-stamp", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("time-stamping authority " + tsa + " answered HTTP " + response.statusCode());
        }
        try {
            TimeStampResponse reply = new TimeStampResponse(response.body());
            reply.validate(request);
            if (reply.getTimeStampToken() == null) {
                throw new IOException("time-stamping authority " + tsa + " refused: " + reply.getStatusString());
            }
            return reply.getTimeStampToken();
        } catch (TSPException e) {
            throw new IOException("unusable time-stamp reply from " + tsa + ": " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
