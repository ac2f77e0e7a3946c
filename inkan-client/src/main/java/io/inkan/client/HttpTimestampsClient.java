package io.inkan.client;

import java.net.URI;

import static io.inkan.client.ApiConnection.path;

/** {@link TimestampsClient} over the API; the public authority is sent no credential. */
final class HttpTimestampsClient implements TimestampsClient {

    private final ApiConnection api;

    HttpTimestampsClient(ApiConnection api) {
        this.api = api;
    }

    @Override
    public byte[] timestamp(String project, String profile, byte[] query) {
        return api.timestamp(api.api(path("projects", project, "profiles", profile, "timestamp")), query, true);
    }

    @Override
    public URI tsaUrl() {
        return api.server("/tsa");
    }

    @Override
    public byte[] serverTimestamp(byte[] query) {
        return api.timestamp(tsaUrl(), query, false);
    }
}
