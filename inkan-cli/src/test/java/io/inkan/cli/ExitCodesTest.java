package io.inkan.cli;

import io.inkan.client.InkanApiException;
import io.inkan.client.InkanConnectionException;
import io.inkan.client.InkanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodesTest {

    @ParameterizedTest
    @CsvSource({
        "401, 3", "403, 3",
        "404, 4",
        "400, 5", "409, 5", "413, 5", "422, 5", "429, 5",
        "500, 1", "502, 1", "503, 1", "302, 1",
    })
    void mapsHttpStatuses(int status, int exitCode) {
        assertThat(ExitCodes.forHttpStatus(status)).isEqualTo(exitCode);
        assertThat(Failure.of(new InkanApiException(status, "about:blank", "T", "d")).exitCode()).isEqualTo(exitCode);
    }

    @Test
    void apiErrorsShowTheProblemTitleAndDetail() {
        Failure failure = Failure.of(new InkanApiException(400, "about:blank", "Bad digest", "wrong length"));

        assertThat(failure.message()).isEqualTo("inkan: Bad digest: wrong length");
    }

    @Test
    void aMissingDetailLeavesNoDanglingColon() {
        assertThat(Failure.of(new InkanApiException(401, "about:blank", "Unauthorized", null)).message())
                .isEqualTo("inkan: Unauthorized");
    }

    @Test
    void connectionFailuresAreSix() {
        Failure failure = Failure.of(new InkanConnectionException("cannot reach https://x: refused",
                new ConnectException("refused")));

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(failure.message()).isEqualTo("inkan: connection failed: cannot reach https://x: refused");
    }

    @Test
    void localProblemsHaveTheirOwnCodes() {
        assertThat(Failure.of(new CliException(ExitCodes.AUTH, "not logged in", "run login")).exitCode())
                .isEqualTo(ExitCodes.AUTH);
        assertThat(Failure.of(new NoSuchFileException("a.bin")).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Failure.of(new IllegalArgumentException("bad")).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Failure.of(new IOException("disk full")).exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(Failure.of(new InkanException("nonsense")).exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(Failure.of(new IllegalStateException("bug")).exitCode()).isEqualTo(ExitCodes.FAILURE);
    }
}
