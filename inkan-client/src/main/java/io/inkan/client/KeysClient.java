package io.inkan.client;

import io.inkan.core.api.ActivationPolicyRequest;
import io.inkan.core.api.ActivationView;
import io.inkan.core.api.ImportKeyView;
import io.inkan.core.api.KeyImportRequest;
import io.inkan.core.api.KeyRequest;
import io.inkan.core.api.KeyStateRequest;
import io.inkan.core.api.KeyView;

import java.util.List;

/** A project's keys: creation, import, their life cycle (K6) and their activation (M6). */
public interface KeysClient {

    KeyView create(String project, KeyRequest request);

    List<KeyView> list(String project);

    KeyView get(String project, String key);

    /** The import public key of {@code token} ({@code null}: the default token). */
    ImportKeyView importPublicKey(String token);

    /** Imports a key already wrapped under the token's {@link #importPublicKey import key}. */
    KeyView importKey(String project, KeyImportRequest request);

    /**
     * Stops the use of ({@code disable}), revokes or destroys a key (K6); the request carries a fresh nonce
     * and the current time, see {@link KeyStateRequest#fresh}.
     */
    KeyView changeState(String project, String key, KeyStateChange change, KeyStateRequest request);

    ActivationView setActivationPolicy(String project, String key, ActivationPolicyRequest request);

    /** The caller's approval of the key's next activation (a custodian the policy names). */
    ActivationView approveActivation(String project, String key);

    ActivationView getActivation(String project, String key);
}
