package io.inkan.server.signing;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ProfileView;

import java.time.Instant;
import java.util.List;

/**
 * A signing profile (S3): the named way a project signs, binding one key and the algorithms it may be
 * used with. Policies and timestamping attach here later.
 *
 * @param keyId the current key of the profile's key set ({@link KeySets}): the one that signs
 */
public record SigningProfile(long id, long projectId, String project, String name, long keyId, String keyName,
                             List<SignatureAlgorithm> allowedAlgorithms, Instant createdAt) {

    public SigningProfile {
        allowedAlgorithms = List.copyOf(allowedAlgorithms);
    }

    public ProfileView view() {
        return new ProfileView(project, name, keyName, allowedAlgorithms.stream().map(Enum::name).toList(), createdAt);
    }
}
