package io.inkan.core.api;

import java.time.Instant;

/**
 * A registered webhook. {@code secret} (base64) is filled only in the response that creates it: the
 * receiver verifies {@code X-Inkan-Signature: sha256=<hex HMAC-SHA256 of the raw body>} with it.
 */
public record WebhookView(String id, String project, String url, Instant createdAt, String secret) {
}
