package io.inkan.server.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Artifact name patterns against the glob rules documented for {@link java.nio.file.FileSystem#getPathMatcher}
 * (the syntax operators are told they get): {@code *} stays within one directory, {@code **} crosses
 * directories, {@code ?} is one character, {@code [..]} and {@code [!..]} are character classes,
 * {@code {a,b}} are alternatives that do not nest, {@code \} escapes, matching is case-sensitive and
 * covers the whole name. The expectations are written from those rules, not read off the matcher.
 */
class GlobsTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            *.jar            | app.jar           | true
            *.jar            | app.JAR           | false
            *.JAR            | app.jar           | false
            *.jar            | lib/app.jar       | false
            **.jar           | lib/app.jar       | true
            **/*.jar         | lib/app.jar       | true
            **/*.jar         | app.jar           | false
            *                | a                 | true
            *                | .hidden           | true
            *                | a/b               | false
            **               | a/b               | true
            app-?.jar        | app-1.jar         | true
            app-?.jar        | app-10.jar        | false
            ?                | é                 | true
            ?                | ab                | false
            *.{jar,war}      | x.war             | true
            *.{jar,war}      | x.ear             | false
            [ab]*.exe        | b1.exe            | true
            [!ab]*.exe       | b1.exe            | false
            [!ab]*.exe       | c1.exe            | true
            [a-c]?.dll       | c9.dll            | true
            \\*.jar          | *.jar             | true
            \\*.jar          | a.jar             | false
            *.gz             | x.tar.gz          | true
            *.tar.gz         | x.tar.gz          | true
            sub/*            | sub/x             | true
            sub/*            | sub/x/y           | false
            release-*/**     | release-1/a/b.bin | true
            release-*/**     | release-1         | false
            app.jar          | app.jar           | true
            app.jar          | ./app.jar         | false
            "app jar"        | "app jar"         | true
            *.jar            | ""                | false
            """)
    void matchesTheWholeNameByTheDocumentedRules(String glob, String name, boolean expected) {
        assertThat(Globs.valid(glob)).isTrue();
        assertThat(Globs.matches(glob, name)).isEqualTo(expected);
    }

    /** Names are read as paths: a doubled or trailing separator collapses before matching. */
    @ParameterizedTest
    @CsvSource({"app.jar, app.jar/", "a/b.jar, a//b.jar"})
    void namesAreNormalisedAsPaths(String glob, String name) {
        assertThat(Globs.matches(glob, name)).isTrue();
    }

    @Test
    void aNameThatIsNoPathMatchesNothing() {
        assertThat(Globs.matches("*", "app.jar\u0000")).isFalse();
        assertThat(Globs.matches("**", "app\u0000.jar")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a", "{a,b", "a{b,{c,d}}", "[]"})
    void malformedOrNestedPatternsAreInvalid(String glob) {
        assertThat(Globs.valid(glob)).isFalse();
    }
}
