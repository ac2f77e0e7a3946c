package io.inkan.cli;

import io.inkan.client.InkanClient;
import picocli.CommandLine.Option;

import java.io.Console;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code --otp} option of the signing commands. A profile at key authorization level 2 (M5) signs
 * only with a SAD authorized by a TOTP code, separately from login, and every code is accepted once; so
 * the first signing request uses the code given here and any further one (e.g. one per jar file) asks
 * for a fresh code on the terminal.
 */
final class SecondFactorOptions {

    private static final String PROMPT = "<prompt>";

    @Option(names = "--otp", arity = "0..1", fallbackValue = PROMPT, paramLabel = "CODE",
            description = {"Level-2 profiles: the current TOTP code of your second factor; without CODE, prompt for it.",
                    "Each signing request needs its own code; the command prompts for further ones."})
    String otp;

    /** {@code client} itself, or a client that authorizes every signing request with a TOTP code. */
    InkanClient apply(InkanClient client) {
        if (otp == null) {
            return client;
        }
        AtomicReference<String> given = new AtomicReference<>(PROMPT.equals(otp) ? null : otp);
        return client.withSecondFactor(() -> {
            String code = given.getAndSet(null);
            return code != null ? code : prompt();
        });
    }

    private static String prompt() {
        Console console = System.console();
        if (console == null) {
            throw new CliException(ExitCodes.USAGE, "TOTP code needed",
                    "this signing request needs a (further) TOTP code; run in a terminal or sign in smaller steps");
        }
        String code = console.readLine("TOTP code: ");
        return code == null ? "" : code.trim();
    }
}
