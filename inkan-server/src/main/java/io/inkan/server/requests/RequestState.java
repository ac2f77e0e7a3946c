package io.inkan.server.requests;

import java.util.Locale;

/**
 * Where a signing request stands (W2). Only {@code REQUESTED} takes decisions; {@code APPROVED} leads to
 * {@code SIGNED} (a batch) or {@code CLOSED} (a release window used up or over); the others are final.
 */
enum RequestState {
    REQUESTED,
    APPROVED,
    REJECTED,
    EXPIRED,
    SIGNED,
    CLOSED;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RequestState fromApiName(String name) {
        for (RequestState state : values()) {
            if (state.apiName().equalsIgnoreCase(name)) {
                return state;
            }
        }
        return null;
    }
}
