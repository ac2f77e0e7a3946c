package io.inkan.server.signing;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProfileView;

import java.time.Instant;
import java.util.List;

/**
 * A signing profile (S3): the named way a project signs, binding one key and the algorithms it may be
 * used with. Policies, key sets and timestamping attach here later.
 *
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

    public ProfileView view() {
        return new ProfileView(project, name, keyName, allowedAlgorithms.stream().map(Enum::name).toList(), createdAt,
                authorizationLevel);
    }
}
