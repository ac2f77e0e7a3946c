package io.inkan.cli.pkcs11;

import io.inkan.core.SignatureAlgorithm;

import java.util.List;

/**
 * What the agent needs from an Inkan server: the keys it may show and a way to sign one digest. Kept this
 * narrow so the protocol and token code never touch the HTTP client ({@link InkanBackend} is the only class
 * that does), and so tests can stand in for a server.
 */
public interface SigningBackend {

    /** One profile's key set: the current key first, then the retired ones. */
    record ProfileKeys(String project, String profile, List<KeyEntry> keys) {
        public ProfileKeys {
            keys = List.copyOf(keys);
        }
    }

    /**
     * @param publicKey X.509 SubjectPublicKeyInfo, DER
     * @param chain     certificates, leaf first, DER each; empty when the key has none
     */
    record KeyEntry(String name, boolean current, byte[] publicKey, List<byte[]> chain) {
        public KeyEntry {
            chain = List.copyOf(chain);
        }
    }

    /** Every profile of every project the credential can see. */
    List<ProfileKeys> profiles();

    /**
     * One signature by the profile's current key over {@code digest} (for pure Ed25519: the data itself),
     * or a {@link Pkcs11Failure} saying why not (its message is for the user's log).
     */
    byte[] sign(String project, String profile, SignatureAlgorithm algorithm, byte[] digest);
}
