package io.inkan.core.api;

import java.time.Instant;

/**
 * A registered webhook. {@code secret} (base64) is filled only in the response that creates it: the
 * receiver verifies {@code X-Inkan-Signature: sha256=<hex HMAC-SHA256 of the raw body>} with it.
 * {@code auditCheckpoints}: whether it receives every signed audit checkpoint too.
 */
public record WebhookView(String id, String project, String url, Instant createdAt, String secret,
                          boolean auditCheckpoints) {
}
