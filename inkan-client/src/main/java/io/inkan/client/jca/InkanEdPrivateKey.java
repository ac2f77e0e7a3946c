package io.inkan.client.jca;

import io.inkan.core.KeyAlgorithm;

import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;

/**
 * An Ed25519 key on the Inkan server. It implements {@link EdECPrivateKey} because JDK code (PKCS#7 and
 * jar signing) reads the curve from it to pick the algorithm identifier; the key bytes stay empty.
 */
public final class InkanEdPrivateKey extends InkanPrivateKey implements EdECPrivateKey {

    private static final long serialVersionUID = 1L;

    InkanEdPrivateKey(RemoteSigner signer, KeyAlgorithm algorithm) {
        super(signer, algorithm);
    }

    @Override
    public Optional<byte[]> getBytes() {
        return Optional.empty();
    }

    @Override
    public NamedParameterSpec getParams() {
        return NamedParameterSpec.ED25519;
    }
}
