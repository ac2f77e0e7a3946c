package io.inkan.server.infra.seal;

import io.inkan.core.KeyAlgorithm;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bytes a sealed row's fields become before signing. The expected vector was computed outside Java
 * (Python's {@code struct.pack('>I', len)} per field after its one-letter tag), so a change to the
 * encoding, which would void every stored seal, fails here rather than at an upgraded installation.
 */
class SealEncodingTest {

    private static final String VECTOR = "440000001b696e6b616e2f636f6e66696775726174696f6e2d7365616c2f7631"
            + "54000000107369676e696e675f70726f66696c6573"
            + "530000000a72656c656173652dc3bc"
            + "4c000000023432"
            + "4e00000000"
            + "4200000003010203"
            + "490000000d31373030303030303030313233"
            + "530000000745435f50323536"
            + "4c000000022d37";
    private static final String VECTOR_SHA256 = "30e409ce1cdfac90ef1d36d1fb38a508b909847193e89c680cafa27ddad9e5f6";

    @Test
    void fieldsAreTaggedAndLengthPrefixedAfterTheDomainAndTable() throws Exception {
        byte[] encoded = ConfigurationSeal.encode("signing_profiles", Arrays.asList("release-ü", 42L, null,
                new byte[] {1, 2, 3}, Instant.ofEpochMilli(1_700_000_000_123L), KeyAlgorithm.EC_P256, -7));

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(VECTOR);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded)))
                .isEqualTo(VECTOR_SHA256);
    }

    @Test
    void neighbouringFieldsCannotTradeBytes() {
        assertThat(ConfigurationSeal.encode("t", List.of("ab", "c")))
                .isNotEqualTo(ConfigurationSeal.encode("t", List.of("a", "bc")));
        assertThat(ConfigurationSeal.encode("t", List.of("42")))
                .as("a number and its text differ by tag").isNotEqualTo(ConfigurationSeal.encode("t", List.of(42)));
        assertThat(ConfigurationSeal.encode("t", Arrays.asList((Object) null)))
                .isNotEqualTo(ConfigurationSeal.encode("t", List.of("")));
        assertThat(ConfigurationSeal.encode("a", List.of())).isNotEqualTo(ConfigurationSeal.encode("b", List.of()));
    }

    @Test
    void anUnsupportedFieldTypeIsRefused() {
        assertThatThrownBy(() -> ConfigurationSeal.encode("t", List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot seal");
    }
}
