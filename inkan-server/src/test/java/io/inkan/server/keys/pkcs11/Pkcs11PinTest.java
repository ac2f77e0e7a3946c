package io.inkan.server.keys.pkcs11;

import io.inkan.server.keys.TokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where {@link Pkcs11Pin} looks for the PIN, and that its messages never show one. */
class Pkcs11PinTest {

    @Test
    void anInlinePinComesFirst(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pin"), "from-file");

        assertThat(Pkcs11Pin.resolve(settings("inline", file.toString(), "PATH"))).containsExactly("inline".toCharArray());
    }

    @Test
    void aPinFileIsTrimmed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pin"), "  4711\n");

        assertThat(Pkcs11Pin.resolve(settings(null, file.toString(), "PATH"))).containsExactly("4711".toCharArray());
    }

    @Test
    void anEnvironmentVariableComesLast() {
        assertThat(Pkcs11Pin.resolve(settings(null, null, "PATH"))).containsExactly(System.getenv("PATH").toCharArray());
    }

    @Test
    void failuresNameTheSourceButNoPin(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        String missing = dir.resolve("missing").toString();

        assertThatThrownBy(() -> Pkcs11Pin.resolve(settings(null, missing, null)))
                .isInstanceOf(TokenException.class)
                .hasMessage("cannot read the PIN file " + missing + " of token 't': NoSuchFileException");
        assertThatThrownBy(() -> Pkcs11Pin.resolve(settings(null, empty.toString(), null)))
                .hasMessage("the PIN file " + empty + " of token 't' is empty");
        assertThatThrownBy(() -> Pkcs11Pin.resolve(settings(null, null, "INKAN_NO_SUCH_VARIABLE")))
                .hasMessage("environment variable INKAN_NO_SUCH_VARIABLE holding the PIN of token 't' is not set");
        assertThatThrownBy(() -> Pkcs11Pin.resolve(settings(null, null, null)))
                .hasMessage("token 't' has no pin, pinFile or pinEnv");
    }

    private static Pkcs11TokenSettings settings(String pin, String pinFile, String pinEnv) {
        return new Pkcs11TokenSettings("t", SoftHsmFixture.LIBRARY, "label", null, pin, pinFile, pinEnv);
    }
}
