package io.inkan.cli;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.ProfileView;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the algorithm for {@code inkan sign} when none is given: the most widely verifiable pre-hashed one
 * that matches the key (PKCS#1 v1.5 with SHA-256 for RSA, DER ECDSA with the curve's own hash size for
 * EC), provided the profile allows it, else the profile's first pre-hashed algorithm for that key family.
 */
final class DefaultAlgorithm {

    private DefaultAlgorithm() {
    }

    /** Returns {@link SignatureAlgorithm#ED25519} for Ed25519 keys; the caller has to refuse or handle it. */
    static SignatureAlgorithm choose(KeyView key, ProfileView profile) {
        KeyAlgorithm keyAlgorithm = keyAlgorithm(key);
        SignatureAlgorithm preferred = preferred(keyAlgorithm);
        List<SignatureAlgorithm> allowed = allowed(profile);
        if (!preferred.isPrehashed() || allowed.isEmpty() || allowed.contains(preferred)) {
            return preferred;
        }
        return allowed.stream()
                .filter(a -> a.isPrehashed() && a.keyFamily() == keyAlgorithm.family())
                .findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.REFUSED, "no usable algorithm",
                        "profile " + profile.name() + " allows " + allowed + ", none of which signs a digest with a "
                                + keyAlgorithm + " key"));
    }

    private static KeyAlgorithm keyAlgorithm(KeyView key) {
        try {
            return KeyAlgorithm.parse(String.valueOf(key.algorithm()));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "unknown key algorithm",
                    "key " + key.name() + " uses '" + key.algorithm() + "'; pass --algorithm");
        }
    }

    private static SignatureAlgorithm preferred(KeyAlgorithm key) {
        return switch (key) {
            case RSA_2048, RSA_3072, RSA_4096 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
            case EC_P256 -> SignatureAlgorithm.ECDSA_SHA256;
            case EC_P384 -> SignatureAlgorithm.ECDSA_SHA384;
            case EC_P521 -> SignatureAlgorithm.ECDSA_SHA512;
            case ED25519 -> SignatureAlgorithm.ED25519;
        };
    }

    /** The profile's algorithms this client knows; names from a newer server are skipped. */
    private static List<SignatureAlgorithm> allowed(ProfileView profile) {
        List<SignatureAlgorithm> allowed = new ArrayList<>();
        if (profile.allowedAlgorithms() != null) {
            for (String name : profile.allowedAlgorithms()) {
                try {
                    allowed.add(SignatureAlgorithm.parse(name));
                } catch (IllegalArgumentException ignored) {
                    // Unknown to this client version: it could not compute the digest anyway.
                }
            }
        }
        return allowed;
    }
}
