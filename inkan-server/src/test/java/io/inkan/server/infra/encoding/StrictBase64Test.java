package io.inkan.server.infra.encoding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the one base64 decoder accepts and what it refuses as almost valid. */
class StrictBase64Test {

    @ParameterizedTest(name = "accepts ''{0}''")
    @CsvSource(delimiter = '|', value = {
            "''          | ''",
            "AA==        | 00",
            "AAA=        | 0000",
            "AAAA        | 000000",
            "+/8=        | fbff",
            "//79/A==    | fffefdfc",
            "aGVsbG8=    | 68656c6c6f",
    })
    void acceptsCanonicalPaddedStandardBase64(String value, String hex) {
        assertThat(HexFormat.of().formatHex(StrictBase64.decode(value))).isEqualTo(hex);
    }

    @ParameterizedTest(name = "refuses ''{0}'': {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\" aGVsbG8=\" | whitespace",
            "\"aGVsbG8=\n\" | whitespace",
            "aGVs bG8=   | whitespace",
            "aGVsbG8     | padding",
            "aGVsbG8==   | padding",
            "AA=         | padding",
            "A===        | padding",
            "AAAAA       | padding",
            "-_8=        | URL-safe",
            "+_8=        | mixed",
            "aGVsbG9=    | unused bits",
            "AB==        | unused bits",
            "aGVsbG8*    | outside",
            "é===        | outside",
    })
    void refusesWhatIsAlmostValid(String value, String reason) {
        assertThatThrownBy(() -> StrictBase64.decode(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason).message().doesNotContain(value.strip());
    }

    @ParameterizedTest(name = "either alphabet accepts ''{0}''")
    @CsvSource(delimiter = '|', value = {
            "+/8=        | fbff",
            "-_8=        | fbff",
            "-_8         | fbff",
            "_-_-        | ffeffe",
            "aGVsbG8     | 68656c6c6f",
            "AA-_        | 000fbf",
            "aGVsbG8=    | 68656c6c6f",
    })
    void theSearchFilterAlsoTakesBase64Url(String value, String hex) {
        assertThat(HexFormat.of().formatHex(StrictBase64.decodeEitherAlphabet(value))).isEqualTo(hex);
    }

    @ParameterizedTest(name = "either alphabet refuses ''{0}''")
    @CsvSource(delimiter = '|', value = {
            "+_8=",
            "-/8=",
            "-_9",
            "-_8==",
            "-_A=A",
            "a-bcd",
            "aGVsbG8==",
            "aGVs bG8=",
    })
    void theSearchFilterNeverMixesAlphabetsNorTakesNonCanonicalInput(String value) {
        assertThatThrownBy(() -> StrictBase64.decodeEitherAlphabet(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "refuses null")
    @CsvSource(value = {"x"})
    void refusesNull(String ignored) {
        assertThatThrownBy(() -> StrictBase64.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
