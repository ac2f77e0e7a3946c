package io.inkan.bench;

import io.inkan.core.KeyAlgorithm;
import io.inkan.core.SignatureAlgorithm;

/** The keys the benchmark measures, as named by the foundation's performance target. */
final class Scenario {

    private Scenario() {
    }

    enum Key {
        RSA(KeyAlgorithm.RSA_2048, SignatureAlgorithm.RSA_PKCS1_SHA256),
        EC(KeyAlgorithm.EC_P256, SignatureAlgorithm.ECDSA_SHA256);

        private final KeyAlgorithm algorithm;
        private final SignatureAlgorithm signatureAlgorithm;

        Key(KeyAlgorithm algorithm, SignatureAlgorithm signatureAlgorithm) {
            this.algorithm = algorithm;
            this.signatureAlgorithm = signatureAlgorithm;
        }

        KeyAlgorithm algorithm() {
            return algorithm;
        }

        SignatureAlgorithm signatureAlgorithm() {
            return signatureAlgorithm;
        }

        String profile() {
            return name().toLowerCase();
        }
    }
}
