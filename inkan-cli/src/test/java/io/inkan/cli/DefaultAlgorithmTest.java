package io.inkan.cli;

import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.ProfileView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DefaultAlgorithmTest {

    private static KeyView key(String algorithm) {
        return KeyView.builder().project("p").name("k").algorithm(algorithm).certificateChain(List.of()).build();
    }

    private static ProfileView profile(String... allowed) {
        return new ProfileView("p", "rel", "k", List.of(allowed), null);
    }

    @ParameterizedTest
    @CsvSource({
        "RSA_2048, RSA_PKCS1_SHA256", "RSA_4096, RSA_PKCS1_SHA256",
        "EC_P256, ECDSA_SHA256", "EC_P384, ECDSA_SHA384", "EC_P521, ECDSA_SHA512",
        "ED25519, ED25519",
    })
    void prefersTheMostCommonAlgorithmWhenTheProfileAllowsAll(String key, SignatureAlgorithm expected) {
        assertThat(DefaultAlgorithm.choose(key(key), profile())).isEqualTo(expected);
    }

    @Test
    void otherwiseTakesTheProfilesFirstPrehashedAlgorithmForTheKeyFamily() {
        assertThat(DefaultAlgorithm.choose(key("RSA_3072"), profile("ECDSA_SHA256", "RSA_PSS_SHA384", "RSA_PSS_SHA256")))
                .isEqualTo(SignatureAlgorithm.RSA_PSS_SHA384);
        assertThat(DefaultAlgorithm.choose(key("EC_P256"), profile("ECDSA_SHA256_P1363", "ECDSA_SHA256")))
                .isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
    }

    @Test
    void namesUnknownToThisClientAreSkipped() {
        assertThat(DefaultAlgorithm.choose(key("EC_P384"), profile("ECDSA_SHA3_384", "ECDSA_SHA384_P1363")))
                .isEqualTo(SignatureAlgorithm.ECDSA_SHA384_P1363);
    }

    @Test
    void aProfileWithNothingUsableIsRefused() {
        assertThatExceptionOfType(CliException.class)
                .isThrownBy(() -> DefaultAlgorithm.choose(key("EC_P256"), profile("RSA_PKCS1_SHA256")))
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.REFUSED));
    }

    @Test
    void anUnknownKeyAlgorithmAsksForAnExplicitOne() {
        assertThatExceptionOfType(CliException.class)
                .isThrownBy(() -> DefaultAlgorithm.choose(key("ML_DSA_65"), profile()))
                .withMessageContaining("--algorithm");
    }
}
