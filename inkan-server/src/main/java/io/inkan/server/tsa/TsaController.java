package io.inkan.server.tsa;

import jakarta.servlet.http.HttpServletRequest;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * The public RFC 3161 endpoint ({@code POST /tsa}, {@code application/timestamp-query} in,
 * {@code application/timestamp-reply} out) and its certificate ({@code GET /tsa/certificate}).
 *
 * <p>Public because the tools that fetch time-stamps while signing (jarsigner, jsign, osslsigncode,
 * signtool) cannot present Inkan credentials, and a time-stamp proves only that a digest existed at a
 * time: it reveals nothing and authorises nothing. What needs protecting is the TSA key's capacity, so
 * queries are capped in size before they are parsed and rate-limited per client address; every failure
 * is an RFC 3161 rejection, never an HTML or JSON error page a TSA client could not read.
 */
@RestController
class TsaController {

    static final MediaType QUERY = MediaType.parseMediaType("application/timestamp-query");
    static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");

    private final TimestampAuthority authority;
    private final PerNodeTokenBuckets limiter;
    private final int maxQueryBytes;

    TsaController(TimestampAuthority authority, TsaSettings settings) {
        this.authority = authority;
        this.limiter = new PerNodeTokenBuckets(settings.perClientPerSecond(), settings.burst());
        this.maxQueryBytes = settings.maxQueryBytes();
    }

    @PostMapping("/tsa")
    ResponseEntity<byte[]> timestamp(HttpServletRequest request) throws IOException {
        Optional<Duration> wait = limiter.acquire(request.getRemoteAddr());
        if (wait.isPresent()) {
            return reply(HttpStatus.TOO_MANY_REQUESTS, authority.rejection(PKIFailureInfo.badRequest,
                    "rate limit exceeded, retry later"), wait.get());
        }
        if (request.getContentType() != null && !isQuery(request.getContentType())) {
            return reply(HttpStatus.UNSUPPORTED_MEDIA_TYPE, authority.rejection(PKIFailureInfo.badRequest,
                    "expected Content-Type application/timestamp-query"), null);
        }
        byte[] query = readAtMost(request, maxQueryBytes);
        if (query == null) {
            return reply(HttpStatus.CONTENT_TOO_LARGE, authority.rejection(PKIFailureInfo.badRequest,
                    "the query exceeds " + maxQueryBytes + " bytes"), null);
        }
        TimestampAuthority.Reply answer = authority.answer(query);
        return reply(answer.systemFailure() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK, answer, null);
    }

    @GetMapping(value = "/tsa/certificate", produces = "application/pem-certificate-chain")
    String certificate() throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(authority.certificate());
        }
        return pem.toString();
    }

    private static boolean isQuery(String contentType) {
        try {
            return QUERY.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ResponseEntity<byte[]> reply(HttpStatus status, TimestampAuthority.Reply reply, Duration retryAfter) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(REPLY);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
        return builder.body(reply.der());
    }

    /** The body, or {@code null} as soon as it is longer than {@code limit}. */
    static byte[] readAtMost(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }
}
