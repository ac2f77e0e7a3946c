package io.inkan.server.tsa;

import io.inkan.server.outbound.OutboundAddresses;
import io.inkan.server.outbound.OutboundHttp;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Forwards a profile's time-stamp query to its external authority. Public TSAs fail transiently (busy,
 * rate-limited, restarting), so a failed try is repeated a bounded number of times with exponential
 * backoff; a refusal the authority means (an HTTP 4xx other than 408/429) is not repeated. Only a reply
 * that parses as a {@code TimeStampResp} matching the query is passed back, so the relay can never be
 * used to read other content from whatever the URL points at; and through {@link OutboundHttp}, it
 * never reaches an internal address nor follows a redirect. A refused address is not tried again.
 */
@Component
class ExternalTsaRelay {

    private static final int MAX_REPLY_BYTES = 64 * 1024;

    private final OutboundHttp.Client http;
    private final RetryTemplate retries;

    ExternalTsaRelay(TsaSettings settings, OutboundHttp outbound) {
        TsaSettings.Relay relay = settings.relay();
        this.http = outbound.client(relay.timeout());
        this.retries = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(relay.maxAttempts() - 1)
                .delay(relay.initialBackoff())
                .multiplier(2)
                .maxDelay(relay.initialBackoff().multipliedBy(16))
                .predicate(failure -> failure instanceof IOException && !(failure instanceof Final)
                        && !(failure instanceof OutboundAddresses.Refused))
                .build());
    }

    /** Upstream failed every try, or refused for good; the message is safe to show the caller. */
    static final class UpstreamFailure extends Exception {
        UpstreamFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The upstream's DER reply to {@code query}, checked against {@code request}. */
    byte[] relay(URI url, byte[] query, TimeStampRequest request) throws UpstreamFailure {
        try {
            return retries.execute(() -> once(url, query, request));
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            String reason = last instanceof IOException && !(last instanceof Transient) && !(last instanceof Final)
                    && !(last instanceof OutboundAddresses.Refused)
                    ? "cannot reach it (" + last.getClass().getSimpleName() + ")" : last.getMessage();
            int attempts = e.getRetryCount() + 1;
            throw new UpstreamFailure("the external time-stamping authority failed after " + attempts
                    + (attempts == 1 ? " try: " : " tries: ") + reason, last);
        }
    }

    private byte[] once(URI url, byte[] query, TimeStampRequest request) throws IOException {
        OutboundHttp.Reply response = http.post(url, TsaController.QUERY.toString(), Map.of(), query, MAX_REPLY_BYTES);
        int status = response.status();
        if (status >= 500 || status == 408 || status == 429) {
            throw new Transient("it answered HTTP " + status);
        }
        if (status != 200) {
            throw new Final("it answered HTTP " + status);
        }
        try {
            TimeStampResponse reply = new TimeStampResponse(response.body());
            if (reply.getTimeStampToken() != null) {
                reply.validate(request);
            }
            return reply.getEncoded();
        } catch (TSPException | IOException | RuntimeException e) {
            throw new Transient("its reply is not a time-stamp reply matching the query");
        }
    }

    /** Worth another try. */
    private static final class Transient extends IOException {
        Transient(String message) {
            super(message);
        }
    }

    /** Not worth another try. */
    private static final class Final extends IOException {
        Final(String message) {
            super(message);
        }
    }
}
