package io.inkan.server.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies mean exactly what they say or are refused ({@code malformed-request}): a key given
 * twice is refused instead of the last one silently winning (two parsers could read two different
 * requests from one body), a fraction is not truncated into an integer ({@code expiresInDays: 1.5}),
 * and no scalar is coerced into another type ({@code "30"} for a number, {@code "true"} for a boolean).
 * Unknown fields are refused by {@code spring.jackson.deserialization.fail-on-unknown-properties}.
 */
@Component
class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
