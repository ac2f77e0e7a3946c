package io.inkan.server.signing;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProfileView;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A signing profile (S3): the named way a project signs, binding one key and the algorithms it may be
 * used with. Policies and timestamping attach here later.
 *
 * @param keyId the current key of the profile's key set ({@link KeySets}): the one that signs
 * @param authorizationLevel key authorization level (M5): 1 = the login suffices, 2 = a SAD authorized with
 *                           a second factor separate from login
 */
public record SigningProfile(long id, long projectId, String project, String name, long keyId, String keyName,
                             List<SignatureAlgorithm> allowedAlgorithms, Instant createdAt, int authorizationLevel) {

    public SigningProfile {
        allowedAlgorithms = List.copyOf(allowedAlgorithms);
    }

    /** A level-1 profile. */
    public SigningProfile(long id, long projectId, String project, String name, long keyId, String keyName,
                          List<SignatureAlgorithm> allowedAlgorithms, Instant createdAt) {
        this(id, projectId, project, name, keyId, keyName, allowedAlgorithms, createdAt, 1);
    }

    /**
     * The algorithm a request names, if this profile allows it. Refuses with 400: an unknown name
     * ({@code unknown-algorithm}, listing the valid ones) or one the profile does not allow
     * ({@code algorithm-not-allowed}).
     */
    public SignatureAlgorithm allowedAlgorithm(String name) {
        SignatureAlgorithm algorithm = parseAlgorithm(name);
        if (!allowedAlgorithms.contains(algorithm)) {
            throw new Refusal(Problem.ALGORITHM_NOT_ALLOWED,
                    "Profile '" + this.name + "' allows " + allowedAlgorithms + ", not " + algorithm);
        }
        return algorithm;
    }

    /**
     * Takes an API algorithm name exactly as the enum spells it (no case folding, trimming or '-' for
     * '_': what is signed must be what was asked for, byte for byte) or refuses with the valid ones.
     */
    static SignatureAlgorithm parseAlgorithm(String name) {
        try {
            return SignatureAlgorithm.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refusal(Problem.UNKNOWN_ALGORITHM,
                    "algorithm must be one of " + Arrays.toString(SignatureAlgorithm.values()));
        }
    }

    public ProfileView view() {
        return new ProfileView(project, name, keyName, allowedAlgorithms.stream().map(Enum::name).toList(), createdAt,
                authorizationLevel);
    }
}
