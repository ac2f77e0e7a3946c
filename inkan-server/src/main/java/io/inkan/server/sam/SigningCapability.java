package io.inkan.server.sam;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.server.keys.SigningKey;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The capability to sign exactly the checked inputs of one request, each once, with one key and one
 * algorithm. Only {@link SignatureActivation} creates one (the constructor is package-private), after it
 * verified a SAD or, without SAD, activated the key for this one request (level 1, or inside a release
 * window approved at the profile's level); nothing
 * else in the server can reach a token's sign operation. It lives only as long as the request.
 */
public final class SigningCapability {

    private final SigningKey key;
    private final SignatureAlgorithm algorithm;
    private final List<byte[]> inputs;
    private final AtomicIntegerArray used;
    private final TokenSigner signer;
    private final StoredSad sad;
    private final List<Integer> positions;
    private final boolean renews;
    private final ApprovedWindow window;

    /**
     * @param sad       the SAD this activation came from, {@code null} for an implicit activation
     * @param positions for a SAD: the positions of its digests that {@code inputs} reserved, in request order
     * @param renews    whether this request claimed the SAD for renewal
     * @param window    for an implicit activation: the approved release window it was counted against, if any
     */
    private SigningCapability(SigningKey key, SignatureAlgorithm algorithm, List<byte[]> inputs, TokenSigner signer,
                       StoredSad sad, List<Integer> positions, boolean renews, ApprovedWindow window) {
        this.key = key;
        this.algorithm = algorithm;
        this.inputs = inputs.stream().map(byte[]::clone).toList();
        this.used = new AtomicIntegerArray(inputs.size());
        this.signer = signer;
        this.sad = sad;
        this.positions = List.copyOf(positions);
        this.renews = renews;
        this.window = window;
    }

    /** Without SAD: by the login (level 1) or by an approved release window. */
    static SigningCapability implicit(SigningKey key, SignatureAlgorithm algorithm, List<byte[]> inputs, TokenSigner signer,
                               ApprovedWindow window) {
        return new SigningCapability(key, algorithm, inputs, signer, null, List.of(), false, window);
    }

    /** With a verified SAD whose digests at {@code positions} this request reserved. */
    static SigningCapability withSad(SigningKey key, SignatureAlgorithm algorithm, List<byte[]> inputs, TokenSigner signer,
                              StoredSad sad, List<Integer> positions, boolean renews) {
        return new SigningCapability(key, algorithm, inputs, signer, sad, positions, renews, null);
    }

    /** Signs the activated input at {@code index} (request order); each input at most once. */
    public byte[] sign(int index) {
        if (!used.compareAndSet(index, 0, 1)) {
            throw new IllegalStateException("input " + index + " of this activation was already signed");
        }
        return signer.sign(key.ref(), key.publicKey(), algorithm, inputs.get(index));
    }

    /** How many inputs the activation covers. */
    public int count() {
        return inputs.size();
    }

    /** Facts for the audit record of the signature: how the key was activated. */
    public Map<String, Object> auditFacts() {
        if (sad == null && window != null) {
            return Map.of("activation", "window", "window", window.requestId(),
                    "authorizationLevel", Math.max(1, window.approvalLevel()));
        }
        if (sad == null) {
            return Map.of("activation", "implicit", "authorizationLevel", 1);
        }
        return Map.of("activation", "sad", "sadId", sad.id(), "authorizationLevel", sad.level(),
                "factors", sad.factors());
    }

    StoredSad sad() {
        return sad;
    }

    List<Integer> positions() {
        return positions;
    }

    boolean renews() {
        return renews;
    }
}
