package io.inkan.server.testkit;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.testing.ApiCaller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed calls to one signing profile's endpoints ({@code authorize}, {@code sign}) as one caller. The
 * bodies are the ones a well-behaved client sends; a test that needs a malformed body posts it through
 * {@link ApiCaller} itself. The algorithm is ECDSA with SHA-256 unless {@link #algorithm} says otherwise.
 */
public final class ProfileApi {

    private final ApiCaller caller;
    private final String project;
    private final String profile;
    private final SignatureAlgorithm algorithm;

    private ProfileApi(ApiCaller caller, String project, String profile, SignatureAlgorithm algorithm) {
        this.caller = caller;
        this.project = project;
        this.profile = profile;
        this.algorithm = algorithm;
    }

    public static ProfileApi of(ApiCaller caller, String project, String profile) {
        return new ProfileApi(caller, project, profile, SignatureAlgorithm.ECDSA_SHA256);
    }

    /** The same profile, called by someone else. */
    public ProfileApi as(ApiCaller other) {
        return new ProfileApi(other, project, profile, algorithm);
    }

    /** Another profile of the same project, called by the same caller. */
    public ProfileApi profile(String other) {
        return new ProfileApi(caller, project, other, algorithm);
    }

    public ProfileApi algorithm(SignatureAlgorithm other) {
        return new ProfileApi(caller, project, profile, other);
    }

    /** Asks for a SAD covering {@code digests}. */
    public ApiCaller.Response authorize(List<byte[]> digests) {
        return authorize(digests, null);
    }

    /** Asks for a SAD covering {@code digests}, with a one-time password when {@code otp} is not null. */
    public ApiCaller.Response authorize(List<byte[]> digests, String otp) {
        return authorizeEncoded(Digests.base64(digests), otp);
    }

    /** As {@link #authorize(List, String)}, with digests already in base64. */
    public ApiCaller.Response authorizeEncoded(List<String> digests, String otp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("algorithm", algorithm.name());
        body.put("digests", digests);
        if (otp != null) {
            body.put("otp", otp);
        }
        return caller.post(ApiPaths.profile(project, profile, "authorize"), body);
    }

    /** Signs {@code digests} without a SAD (a level-0 profile, or an approved window). */
    public ApiCaller.Response sign(List<byte[]> digests) {
        return sign(digests, null);
    }

    /** Signs {@code digests} under {@code sad} (none when null). */
    public ApiCaller.Response sign(List<byte[]> digests, String sad) {
        return signEncoded(Digests.base64(digests), sad, false);
    }

    /** Signs {@code digests} under {@code sad} and asks for the next SAD of the renewal chain. */
    public ApiCaller.Response signRenewing(List<byte[]> digests, String sad) {
        return signEncoded(Digests.base64(digests), sad, true);
    }

    /** Signs digests already in base64 under {@code sad} (none when null), renewing it when asked. */
    public ApiCaller.Response signEncoded(List<String> digests, String sad, boolean renew) {
        return caller.post(ApiPaths.profile(project, profile, "sign"), signBody(algorithm, digests, sad, renew));
    }

    /** The body of a sign request: one item per base64 digest, the SAD and the renewal flag when given. */
    public static Map<String, Object> signBody(SignatureAlgorithm algorithm, List<String> digests, String sad,
                                               boolean renew) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("algorithm", algorithm.name());
        body.put("items", digests.stream().map(digest -> Map.of("digest", digest)).toList());
        if (sad != null) {
            body.put("sad", sad);
        }
        if (renew) {
            body.put("renew", true);
        }
        return body;
    }
}
