package io.inkan.client;

import io.inkan.core.api.DecisionRequest;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SigningRequestCreate;
import io.inkan.core.api.SigningRequestView;
import tools.jackson.core.type.TypeReference;

import java.util.List;
import java.util.Map;

import static io.inkan.client.ApiConnection.path;
import static io.inkan.client.ApiConnection.query;

/** {@link RequestsClient} over the API. */
final class HttpRequestsClient implements RequestsClient {

    private final ApiConnection api;

    HttpRequestsClient(ApiConnection api) {
        this.api = api;
    }

    @Override
    public SigningRequestView create(String project, SigningRequestCreate request) {
        return api.call("POST", path("projects", project, "requests"), request, SigningRequestView.class);
    }

    @Override
    public List<SigningRequestView> list(String project, String state) {
        return api.call("GET", path("projects", project, "requests") + query(state == null ? Map.of()
                : Map.of("state", state)), null, new TypeReference<>() { });
    }

    @Override
    public SigningRequestView get(String project, String id, long waitSeconds) {
        return api.call("GET", path("projects", project, "requests", id)
                + query(Map.of("wait", Long.toString(waitSeconds))), null, SigningRequestView.class);
    }

    @Override
    public SigningRequestView approve(String project, String id, DecisionRequest decision) {
        return api.call("POST", path("projects", project, "requests", id, "approve"), decision, SigningRequestView.class);
    }

    @Override
    public SigningRequestView reject(String project, String id, DecisionRequest decision) {
        return api.call("POST", path("projects", project, "requests", id, "reject"), decision, SigningRequestView.class);
    }

    @Override
    public SadView sad(String project, String id) {
        return api.call("POST", path("projects", project, "requests", id, "sad"), null, SadView.class);
    }
}
