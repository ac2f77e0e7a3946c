package io.inkan.core.api;

/**
 * Registers an HTTPS (or, for tests and local receivers, HTTP) URL that receives a project's workflow events.
 *
 * @param auditCheckpoints whether it also receives every signed audit checkpoint ({@code audit.checkpoint}
 *                         events), so a copy of each lives outside the server; off unless {@code true}
 */
public record WebhookRequest(String url, Boolean auditCheckpoints) {
}
