package io.inkan.client;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.AuthorizeRequest;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.SignHashResponse;

import java.util.List;

/**
 * Signs digests under a profile, the hot path of every build. A separate concern from key and profile
 * administration so that code that only signs (the JCA provider, the formats) sees only this.
 * Every answer holds exactly one signature per item, in item order; anything else is an {@link InkanException}.
 */
public interface SigningClient {

    /**
     * Signs a batch in one request. Called from a thread of a {@link SignatureBatch} made for this client,
     * the items join that batch's next request instead.
     */
    SignHashResponse sign(String project, String profile, SignatureAlgorithm algorithm, List<SignHashRequest.Item> items);

    /**
     * Sends one signing request now, whether or not the calling thread takes part in a {@link SignatureBatch}
     * (what a batch's round signer calls); with a second factor configured, the digests are authorized first
     * and signed with that SAD.
     */
    SignHashResponse signNow(String project, String profile, SignatureAlgorithm algorithm,
                             List<SignHashRequest.Item> items);

    /** Signs exactly the digests a SAD authorizes (e.g. the SAD of an approved signing request). */
    SignHashResponse sign(String project, String profile, SignatureAlgorithm algorithm,
                          List<SignHashRequest.Item> items, String sad);

    /** Signs one request as given, e.g. with a SAD, or renewing it ({@code renew}). */
    SignHashResponse sign(String project, String profile, SignHashRequest request);

    /**
     * Signature activation data for exactly these digests (level-2 profiles need {@code request.otp()});
     * send it as {@link SignHashRequest#sad()}.
     */
    SadView authorize(String project, String profile, AuthorizeRequest request);
}
