package io.inkan.server.notifications;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Posts a webhook body. The receiver checks {@code X-Inkan-Signature: sha256=<hex>}, the HMAC-SHA256
 * of the exact body bytes under the webhook's secret, and may drop repeats by {@code X-Inkan-Delivery}
 * (a retried delivery keeps its id). Redirects are not followed, so a signed body goes only where it
 * was registered to go.
 */
@Component
class WebhookSender {

    static final String SIGNATURE_HEADER = "X-Inkan-Signature";

    private final HttpClient http;
    private final NotificationProperties properties;

    WebhookSender(NotificationProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Delivers {@code body}; throws with a short reason when the receiver did not answer 2xx. */
    void send(Webhooks.Endpoint endpoint, long deliveryId, String event, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(properties.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "inkan-webhook")
                .header("X-Inkan-Event", event)
                .header("X-Inkan-Delivery", Long.toString(deliveryId))
                .header(SIGNATURE_HEADER, "sha256=" + HexFormat.of().formatHex(hmac(endpoint.secret(), bytes)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("receiver answered HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
