package io.inkan.client;

import io.inkan.core.api.KeySetView;
import io.inkan.core.api.PolicyRequest;
import io.inkan.core.api.PolicyView;
import io.inkan.core.api.ProfileRequest;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.RotateRequest;
import io.inkan.core.api.TimestampingRequest;
import io.inkan.core.api.TimestampingView;
import tools.jackson.core.type.TypeReference;

import java.util.List;

import static io.inkan.client.ApiConnection.path;

/** {@link ProfilesClient} over the API. */
final class HttpProfilesClient implements ProfilesClient {

    private final ApiConnection api;

    HttpProfilesClient(ApiConnection api) {
        this.api = api;
    }

    @Override
    public ProfileView create(String project, ProfileRequest request) {
        return api.call("POST", path("projects", project, "profiles"), request, ProfileView.class);
    }

    @Override
    public List<ProfileView> list(String project) {
        return api.call("GET", path("projects", project, "profiles"), null, new TypeReference<>() { });
    }

    @Override
    public ProfileView get(String project, String profile) {
        return api.call("GET", path("projects", project, "profiles", profile), null, ProfileView.class);
    }

    @Override
    public KeySetView keySet(String project, String profile) {
        return api.call("GET", path("projects", project, "profiles", profile, "keys"), null, KeySetView.class);
    }

    @Override
    public KeySetView rotate(String project, String profile, RotateRequest request) {
        return api.call("POST", path("projects", project, "profiles", profile, "rotate"), request, KeySetView.class);
    }

    @Override
    public PolicyView getPolicy(String project, String profile) {
        return api.call("GET", path("projects", project, "profiles", profile, "policy"), null, PolicyView.class);
    }

    @Override
    public PolicyView setPolicy(String project, String profile, PolicyRequest request) {
        return api.call("PUT", path("projects", project, "profiles", profile, "policy"), request, PolicyView.class);
    }

    @Override
    public TimestampingView getTimestamping(String project, String profile) {
        return api.call("GET", path("projects", project, "profiles", profile, "timestamping"), null,
                TimestampingView.class);
    }

    @Override
    public TimestampingView setTimestamping(String project, String profile, TimestampingRequest request) {
        return api.call("POST", path("projects", project, "profiles", profile, "timestamping"), request,
                TimestampingView.class);
    }
}
