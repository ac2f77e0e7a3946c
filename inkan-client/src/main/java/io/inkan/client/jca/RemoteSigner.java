package io.inkan.client.jca;

import io.inkan.client.InkanClient;
import io.inkan.client.InkanException;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.SignHashRequest;

import java.util.Base64;
import java.util.List;

/**
 * Asks the server for one signature under one profile: a digest for the pre-hashed algorithms, the
 * to-be-signed bytes themselves for pure Ed25519. The private key never leaves the server.
 */
final class RemoteSigner {

    private final InkanClient client;
    private final String project;
    private final String profile;

    RemoteSigner(InkanClient client, String project, String profile) {
        this.client = client;
        this.project = project;
        this.profile = profile;
    }

    String profile() {
        return profile;
    }

    byte[] sign(SignatureAlgorithm algorithm, byte[] digestOrData) {
        String value = Base64.getEncoder().encodeToString(digestOrData);
        SignHashRequest.Item item = algorithm.isPrehashed()
                ? SignHashRequest.Item.ofDigest(value, null)
                : SignHashRequest.Item.ofData(value, null);
        String signature = client.signing().sign(project, profile, algorithm, List.of(item)).signatures().get(0);
        try {
            return Base64.getDecoder().decode(String.valueOf(signature));
        } catch (IllegalArgumentException e) {
            throw new InkanException("server sent a signature that is not base64");
        }
    }
}
