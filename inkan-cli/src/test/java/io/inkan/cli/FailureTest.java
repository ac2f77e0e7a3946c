package io.inkan.cli;

import io.inkan.client.InkanApiException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.SignatureException;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's answer is found inside the wrappers format libraries put around the provider's errors. */
class FailureTest {

    @Test
    void serverRefusalInsideALibraryKeepsItsExitCodeAndText() {
        InkanApiException refused = new InkanApiException(422, "urn:inkan:problem:algorithm-not-allowed",
                "Algorithm not allowed", "profile allows ECDSA_SHA384");
        IOException wrapped = new IOException("cannot sign app.jar",
                new SignatureException("Inkan server did not sign", refused));

        Failure failure = Failure.of(wrapped);

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(failure.message()).isEqualTo("inkan: Algorithm not allowed: profile allows ECDSA_SHA384");
    }

    @Test
    void ownErrorsAreNotReplaced() {
        CliException usage = new CliException(ExitCodes.USAGE, "unsupported", "x");

        assertThat(Failure.of(usage).exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
