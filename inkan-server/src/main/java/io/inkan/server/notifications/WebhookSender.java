package io.inkan.server.notifications;

import io.inkan.server.outbound.OutboundHttp;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Posts a webhook body. The receiver checks {@code X-Inkan-Signature: sha256=<hex>}, the HMAC-SHA256
 * of the exact body bytes under the webhook's secret, and may drop repeats by {@code X-Inkan-Delivery}
 * (a retried delivery keeps its id). Sent through {@link OutboundHttp}: redirects are not followed, so a
 * signed body goes only where it was registered to go, and never to an internal address.
 */
@Component
class WebhookSender {

    static final String SIGNATURE_HEADER = "X-Inkan-Signature";

    private static final int MAX_REPLY_BYTES = 1024;

    private final OutboundHttp.Client http;

    WebhookSender(NotificationProperties properties, OutboundHttp outbound) {
        this.http = outbound.client(properties.webhookTimeout());
    }

    /** Delivers {@code body}; throws with a short reason when the receiver did not answer 2xx. */
    void send(Webhooks.Endpoint endpoint, long deliveryId, String event, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of(
                "User-Agent", "inkan-webhook",
                "X-Inkan-Event", event,
                "X-Inkan-Delivery", Long.toString(deliveryId),
                SIGNATURE_HEADER, "sha256=" + HexFormat.of().formatHex(hmac(endpoint.secret(), bytes)));
        OutboundHttp.Reply reply = http.post(endpoint.url(), "application/json", headers, bytes, MAX_REPLY_BYTES);
        if (reply.status() / 100 != 2) {
            throw new IOException("receiver answered HTTP " + reply.status());
        }
    }

    static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
