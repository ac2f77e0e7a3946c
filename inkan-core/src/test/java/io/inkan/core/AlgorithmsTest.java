package io.inkan.core;

import org.junit.jupiter.api.Test;

import java.security.Signature;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlgorithmsTest {

    @Test
    void namesParseLeniently() {
        assertThat(SignatureAlgorithm.parse(" ecdsa-sha256-p1363 ")).isEqualTo(SignatureAlgorithm.ECDSA_SHA256_P1363);
        assertThat(KeyAlgorithm.parse("ec-p384")).isEqualTo(KeyAlgorithm.EC_P384);
        assertThatThrownBy(() -> SignatureAlgorithm.parse("DSA_SHA1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySignatureAlgorithmHasAJdkVerifier() throws Exception {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            Signature verifier = algorithm.newVerifier();
            assertThat(verifier.getAlgorithm()).isEqualTo(algorithm.jcaName());
        }
    }

    @Test
    void onlyEd25519IsPure() {
        assertThat(Arrays.stream(SignatureAlgorithm.values()).filter(a -> !a.isPrehashed()))
                .containsExactly(SignatureAlgorithm.ED25519);
        assertThatThrownBy(SignatureAlgorithm.ED25519::pssParameters).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pssUsesTheSameHashForMgf1AndSaltOfHashLength() {
        var parameters = SignatureAlgorithm.RSA_PSS_SHA384.pssParameters();
        assertThat(parameters.getDigestAlgorithm()).isEqualTo("SHA-384");
        assertThat(parameters.getSaltLength()).isEqualTo(48);
    }

    @Test
    void digestLengthsMatchTheJdk() {
        for (DigestAlgorithm digest : DigestAlgorithm.values()) {
            assertThat(digest.newDigest().getDigestLength()).isEqualTo(digest.length());
        }
    }

    @Test
    void everyKeyFamilyHasAlgorithms() {
        for (KeyFamily family : KeyFamily.values()) {
            assertThat(Arrays.stream(SignatureAlgorithm.values()).anyMatch(a -> a.keyFamily() == family)).isTrue();
            assertThat(Arrays.stream(KeyAlgorithm.values()).anyMatch(a -> a.family() == family)).isTrue();
        }
    }
}
