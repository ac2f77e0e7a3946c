package io.inkan.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of the tests that sign through a real server: one {@link SigningFixture} (server, profiles,
 * logged-in CLI runners) per test class, and the class's temporary directory for inputs and outputs.
 * Subclasses add their own {@code @BeforeAll}/{@code @AfterAll} steps, which JUnit runs after this
 * class's start and before its stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveServerTest {

    SigningFixture fixture;
    Path dir;

    @BeforeAll
    void startServer(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        fixture = new SigningFixture(tempDir);
    }

    @AfterAll
    void stopServer() {
        fixture.close();
    }
}
