package io.inkan.client.audit;

import io.inkan.client.InkanApiException;

/**
 * The audit API's problem types that carry meaning for verification ({@code urn:inkan:problem:no-record}
 * and the like; a type ending in {@code /no-record} is accepted too). Only these exact types count: a
 * plain 404 (say, from a server without the audit log API) must not read as "record deleted".
 */
final class ProblemTypes {

    static final String NO_RECORD = "no-record";
    static final String NO_CHECKPOINT = "no-checkpoint";
    static final String NOT_YET_CHECKPOINTED = "not-yet-checkpointed";

    private ProblemTypes() {
    }

    static boolean is(InkanApiException e, int status, String name) {
        String type = e.type();
        return e.status() == status && type != null && (type.endsWith(":" + name) || type.endsWith("/" + name));
    }
}
