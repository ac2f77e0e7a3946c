package io.inkan.client;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.AuthorizeRequest;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;

import java.util.List;
import java.util.function.Supplier;

import static io.inkan.client.ApiConnection.path;

/** {@link SigningClient} over the API; with a second factor, every request authorizes its digests first (M5). */
final class HttpSigningClient implements SigningClient {

    private final ApiConnection api;
    /** One TOTP code per signing request, or {@code null} for level-1 profiles. */
    private final Supplier<String> secondFactor;

    HttpSigningClient(ApiConnection api, Supplier<String> secondFactor) {
        this.api = api;
        this.secondFactor = secondFactor;
    }

    @Override
    public SignHashResponse sign(String project, String profile, SignatureAlgorithm algorithm,
                                 List<SignHashRequest.Item> items) {
        SignatureBatch batch = SignatureBatch.of(this);
        return batch != null ? batch.sign(project, profile, algorithm, items) : signNow(project, profile, algorithm, items);
    }

    @Override
    public SignHashResponse signNow(String project, String profile, SignatureAlgorithm algorithm,
                                    List<SignHashRequest.Item> items) {
        if (secondFactor != null) {
            List<String> values = items.stream().map(item -> item.digest() != null ? item.digest() : item.data()).toList();
            SadView sad = authorize(project, profile, new AuthorizeRequest(algorithm.name(), values, secondFactor.get()));
            return sign(project, profile, algorithm, items, sad.sad());
        }
        return sign(project, profile, new SignHashRequest(algorithm.name(), List.copyOf(items)));
    }

    @Override
    public SignHashResponse sign(String project, String profile, SignatureAlgorithm algorithm,
                                 List<SignHashRequest.Item> items, String sad) {
        return sign(project, profile, SignHashRequest.withSad(algorithm.name(), List.copyOf(items), sad));
    }

    @Override
    public SignHashResponse sign(String project, String profile, SignHashRequest request) {
        SignHashResponse response = api.call("POST", path("projects", project, "profiles", profile, "sign"), request,
                SignHashResponse.class);
        int returned = response.signatures() == null ? 0 : response.signatures().size();
        if (returned != request.items().size()) {
            throw new InkanException("server returned " + returned + " signatures for " + request.items().size() + " items");
        }
        return response;
    }

    @Override
    public SadView authorize(String project, String profile, AuthorizeRequest request) {
        return api.call("POST", path("projects", project, "profiles", profile, "authorize"), request, SadView.class);
    }
}
