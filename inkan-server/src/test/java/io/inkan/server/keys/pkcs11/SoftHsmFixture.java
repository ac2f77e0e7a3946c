package io.inkan.server.keys.pkcs11;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token of the test run's own, in {@code target/softhsm}.
 *
 * <p>SoftHSM2 finds its token directory through the environment variable {@code SOFTHSM2_CONF}, which a
 * JVM cannot set for itself; the server's surefire configuration exports it as
 * {@code target/softhsm/softhsm2.conf}, and this fixture writes that file. SoftHSM2 also reads the token
 * directory only when the library is initialised, which the JDK does once per JVM, so there is one token
 * per test JVM: call {@link #shared()} before anything in the JVM loads the library, and keep tests
 * apart with unique key handles.
 *
 * <p>Without SoftHSM2 (or outside Maven) the tests are skipped, except on CI (env {@code CI} set), where
 * they fail so a broken image cannot pass unnoticed.
 */
public final class SoftHsmFixture {

    public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    private static final Path CONF = Path.of("target", "softhsm", "softhsm2.conf").toAbsolutePath();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static SoftHsmFixture shared;

    private final String label;
    private final String pin;

    private SoftHsmFixture(String label, String pin) {
        this.label = label;
        this.pin = pin;
    }

    /** The JVM's token, initialised on first use. */
    public static synchronized SoftHsmFixture shared() {
        if (shared == null) {
            shared = initialise();
        }
        return shared;
    }

    /** Settings that reach the token by label, with the PIN inline. */
    public Pkcs11TokenSettings settings(String name) {
        return new Pkcs11TokenSettings(name, LIBRARY, label, null, pin, null, null);
    }

    public String label() {
        return label;
    }

    public String pin() {
        return pin;
    }

    /** What {@code pkcs11-tool --list-objects} prints for the token, logged in (a separate process). */
    public String listObjects() {
        return run(tool("pkcs11-tool"), "--module", LIBRARY, "--token-label", label, "--login", "--pin", pin,
                "--list-objects");
    }

    private static SoftHsmFixture initialise() {
        String softhsmUtil = tool("softhsm2-util");
        if (!Files.isReadable(Path.of(LIBRARY))) {
            unavailable(LIBRARY + " is missing (install softhsm2)");
        }
        if (!CONF.toString().equals(System.getenv("SOFTHSM2_CONF"))) {
            unavailable("SOFTHSM2_CONF must be " + CONF + " before the JVM starts (Maven's surefire sets it; "
                    + "an IDE run needs it in the run configuration)");
        }
        Path tokens = CONF.resolveSibling("tokens");
        try {
            Files.createDirectories(tokens);
            Files.writeString(CONF, "directories.tokendir = " + tokens + "\n"
                    + "objectstore.backend = file\n"
                    + "log.level = ERROR\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + CONF, e);
        }
        String label = "inkan-" + random(6);
        String pin = random(8);
        run(softhsmUtil, "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", random(8));
        return new SoftHsmFixture(label, pin);
    }

    private static String tool(String name) {
        Stream<String> path = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"));
        Optional<Path> found = Stream.concat(path, Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            unavailable(name + " is not installed (apt-get install softhsm2 opensc)");
        }
        return found.get().toString();
    }

    private static void unavailable(String reason) {
        if (System.getenv("CI") != null) {
            throw new AssertionError("SoftHSM2 tests cannot run on CI: " + reason);
        }
        Assumptions.abort("SoftHSM2 tests skipped: " + reason);
    }

    private static String run(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", CONF.toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // The output was read to its end, so the process is finishing.
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command[0], e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
