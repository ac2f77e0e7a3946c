package io.inkan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The completion script completes subcommands and their options when bash sources it. */
class CompletionCommandTest {

    @Test
    void bashCompletesSubcommandsAndOptions(@TempDir Path home) throws Exception {
        CliRunner.Result result = new CliRunner(home).run("completion");
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path script = Files.writeString(home.resolve("inkan-completion.bash"), result.out());

        assertThat(complete(script, "inkan", "si")).contains("sign", "sign-hash");
        assertThat(complete(script, "inkan", "do")).containsExactly("doctor");
        assertThat(complete(script, "inkan", "sign", "--pro")).contains("--project", "--profile");
    }

    /** What bash offers for the last word after sourcing the script. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String program = "source " + script + "\nCOMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=("
                + line + "); COMP_CWORD=" + (words.length - 1) + "; _complete_inkan; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(output).isZero();
        return output.lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
    }
}
