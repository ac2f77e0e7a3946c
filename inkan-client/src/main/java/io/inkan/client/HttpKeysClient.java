package io.inkan.client;

import io.inkan.core.api.ActivationPolicyRequest;
import io.inkan.core.api.ActivationView;
import io.inkan.core.api.ImportKeyView;
import io.inkan.core.api.KeyImportRequest;
import io.inkan.core.api.KeyRequest;
import io.inkan.core.api.KeyStateRequest;
import io.inkan.core.api.KeyView;
import tools.jackson.core.type.TypeReference;

import java.util.Collections;
import java.util.List;

import static io.inkan.client.ApiConnection.path;
import static io.inkan.client.ApiConnection.query;

/** {@link KeysClient} over the API. */
final class HttpKeysClient implements KeysClient {

    private final ApiConnection api;

    HttpKeysClient(ApiConnection api) {
        this.api = api;
    }

    @Override
    public KeyView create(String project, KeyRequest request) {
        return api.call("POST", path("projects", project, "keys"), request, KeyView.class);
    }

    @Override
    public List<KeyView> list(String project) {
        return api.call("GET", path("projects", project, "keys"), null, new TypeReference<>() { });
    }

    @Override
    public KeyView get(String project, String key) {
        return api.call("GET", path("projects", project, "keys", key), null, KeyView.class);
    }

    @Override
    public ImportKeyView importPublicKey(String token) {
        return api.call("GET", "/import-key" + query(Collections.singletonMap("token", token)), null, ImportKeyView.class);
    }

    @Override
    public KeyView importKey(String project, KeyImportRequest request) {
        return api.call("POST", path("projects", project, "keys", "import"), request, KeyView.class);
    }

    @Override
    public KeyView changeState(String project, String key, KeyStateChange change, KeyStateRequest request) {
        return api.call("POST", path("projects", project, "keys", key, change.path()), request, KeyView.class);
    }

    @Override
    public ActivationView setActivationPolicy(String project, String key, ActivationPolicyRequest request) {
        return api.call("POST", path("projects", project, "keys", key, "activation-policy"), request,
                ActivationView.class);
    }

    @Override
    public ActivationView approveActivation(String project, String key) {
        return api.call("POST", path("projects", project, "keys", key, "activations"), null, ActivationView.class);
    }

    @Override
    public ActivationView getActivation(String project, String key) {
        return api.call("GET", path("projects", project, "keys", key, "activation"), null, ActivationView.class);
    }
}
