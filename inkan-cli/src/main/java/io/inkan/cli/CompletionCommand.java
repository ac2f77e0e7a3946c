package io.inkan.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Prints picocli's completion script for bash and zsh, generated from the commands and options themselves,
 * so it never falls behind them. The script is built from a command line with every subcommand, not the
 * single one {@link InkanCli#commandLine} adds for a normal run.
 */
@Command(name = "completion", description = {
    "Print a bash/zsh completion script for inkan (subcommands, options, their values).",
    "Load it now with: source <(inkan completion); or for good: inkan completion > /etc/bash_completion.d/inkan",
    "(zsh: autoload -U +X bashcompinit && bashcompinit first)."})
final class CompletionCommand extends BaseCommand {

    @Override
    void run() {
        CommandLine all = InkanCli.commandLine(new InkanCli(environment()));
        out().print(AutoComplete.bash("inkan", all));
    }
}
