package io.inkan.server.sam;

import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.signing.SigningProfile;

/**
 * Whether {@code POST …/authorize} may issue a SAD for a profile's digests at all. A profile whose
 * batches need approval signs only with the SAD of an approved request, so a SAD from {@code /authorize}
 * would be refused by {@code /sign} anyway; the approval workflow implements this check, so that the
 * refusal comes first, precisely, and without minting a useless SAD or spending a second-factor code.
 */
public interface DirectAuthorization {

    /** Refuses with a {@code Refusal} if {@code profile} takes SADs only from approved requests. */
    void requireAllowed(SigningProfile profile);
}
