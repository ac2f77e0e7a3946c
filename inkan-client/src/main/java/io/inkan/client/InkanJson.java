package io.inkan.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration the client side uses, so the API client and tools built on it (the CLI's
 * config file and {@code --json} output) read and write the same shapes. Unknown properties are ignored
 * so an older client keeps working against a newer server that adds fields.
 */
public final class InkanJson {

    private InkanJson() {
    }

    /** A new mapper; instances are thread-safe and meant to be shared. */
    public static JsonMapper newMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
