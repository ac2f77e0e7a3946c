package io.inkan.server.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past the configured limit. */
final class RequestTooLargeException extends IOException {

    private final long limit;

    RequestTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
