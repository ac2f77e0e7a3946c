package io.inkan.client;

import io.inkan.core.api.DecisionRequest;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SigningRequestCreate;
import io.inkan.core.api.SigningRequestView;

import java.util.List;

/** The approval workflow (W2): signing requests, their decisions and the SAD an approval yields. */
public interface RequestsClient {

    SigningRequestView create(String project, SigningRequestCreate request);

    /** The project's requests, newest first; {@code state} (e.g. {@code requested}) may be {@code null}. */
    List<SigningRequestView> list(String project, String state);

    /** The request, after waiting up to {@code waitSeconds} (bounded by the server) for a decision. */
    SigningRequestView get(String project, String id, long waitSeconds);

    SigningRequestView approve(String project, String id, DecisionRequest decision);

    SigningRequestView reject(String project, String id, DecisionRequest decision);

    /** The SAD of an approved request, issued once to its requester. */
    SadView sad(String project, String id);
}
