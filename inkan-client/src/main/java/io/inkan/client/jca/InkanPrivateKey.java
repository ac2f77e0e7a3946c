package io.inkan.client.jca;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.KeyFamily;

import java.security.PrivateKey;

/**
 * A handle to a private key that stays on the Inkan server. It carries no key material: {@link #getEncoded()}
 * and {@link #getFormat()} return {@code null} and it implements neither {@code RSAPrivateKey} nor
 * {@code ECPrivateKey}, so the JDK's own providers decline it and signing falls through to the Inkan
 * provider, which sends digests to the server. Serializing it would be meaningless, so the remote
 * connection is not serialized.
 */
public class InkanPrivateKey implements PrivateKey {

    private static final long serialVersionUID = 1L;

    private final transient RemoteSigner signer;
    private final KeyAlgorithm algorithm;

    InkanPrivateKey(RemoteSigner signer, KeyAlgorithm algorithm) {
        this.signer = signer;
        this.algorithm = algorithm;
    }

    static InkanPrivateKey of(RemoteSigner signer, KeyAlgorithm algorithm) {
        return algorithm.family() == KeyFamily.ED25519
                ? new InkanEdPrivateKey(signer, algorithm)
                : new InkanPrivateKey(signer, algorithm);
    }

    /** {@code RSA}, {@code EC} or {@code EdDSA}: the name the key's certificate uses for its public key. */
    @Override
    public String getAlgorithm() {
        return switch (algorithm.family()) {
            case RSA -> "RSA";
            case EC -> "EC";
            case ED25519 -> "EdDSA";
        };
    }

    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    /** The kind of key on the server, e.g. {@code EC_P256}. */
    public KeyAlgorithm keyAlgorithm() {
        return algorithm;
    }

    /** The signing profile this key signs under. */
    public String profile() {
        return signer.profile();
    }

    RemoteSigner signer() {
        if (signer == null) {
            throw new IllegalStateException("a deserialized Inkan key cannot sign; load it from the key store again");
        }
        return signer;
    }

    @Override
    public String toString() {
        return "InkanPrivateKey[" + algorithm + ", profile " + (signer == null ? "?" : signer.profile()) + "]";
    }
}
