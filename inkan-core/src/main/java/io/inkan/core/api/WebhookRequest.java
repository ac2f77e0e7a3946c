package io.inkan.core.api;

/** Registers an HTTPS (or, for tests and local receivers, HTTP) URL that receives a project's workflow events. */
public record WebhookRequest(String url) {
}
