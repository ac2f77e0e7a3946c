package io.inkan.cli;

import io.inkan.cli.pkcs11.Pkcs11Command;
import io.inkan.cli.sshagent.SshAgentCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.List;

/**
 * The {@code inkan} command: manage projects, keys, profiles and tokens on an Inkan server, and sign
 * files by sending only their digests. Subcommands find their settings through {@link #environment()},
 * which tests replace to run everything in-process.
 */
@Command(name = "inkan",
        description = "Talk to an Inkan code-signing server: files are hashed locally, only digests are sent.",
        scope = ScopeType.INHERIT,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:other failure, including server errors (5xx); audit: tampered",
            "2:usage error",
            "3:not logged in, or authentication/authorization refused (401/403)",
            "4:not found (404)",
            "5:request refused (other 4xx, e.g. bad digest, 413, 429)",
            "6:cannot reach the server, or TLS failure",
            "7:audit: could not verify (yet), e.g. no checkpoint covers the record",
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  INKAN_SERVER, INKAN_TOKEN, INKAN_CA override the saved login (for CI).",
            "  INKAN_CONFIG  config file, default ~/.config/inkan/config.json",
        })
public final class InkanCli {

    /**
     * The subcommands, in the order the help lists them. They are added to the command line by
     * {@link #commandLine}, not declared on the annotation: picocli builds the model of every declared
     * command by reflection before it parses anything, which took 0.2 s of each run.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            LoginCommand.class,
            LogoutCommand.class,
            ProjectsCommand.class,
            PrincipalsCommand.class,
            KeysCommand.class,
            ProfilesCommand.class,
            TokensCommand.class,
            SignHashCommand.class,
            SignCommand.class,
            AuditCommand.class,
            CaCommand.class,
            RequestsCommand.class,
            PolicyCommand.class,
            DoctorCommand.class,
            CompletionCommand.class,
            Pkcs11Command.class,
            SshAgentCommand.class);

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    private final CliEnvironment environment;

    /** Uses the process environment, home directory and standard input. */
    public InkanCli() {
        this(CliEnvironment.system());
    }

    public InkanCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public CliEnvironment environment() {
        return environment;
    }

    public static void main(String[] args) {
        LibraryLogging.silence(System.getProperties());
        ProcessExit.exit(commandLine(new InkanCli(), args).execute(args));
    }

    /**
     * The command line for {@code args}: with only the subcommand they name, when the first argument names
     * one, else with all of them (for the overall help, and for suggestions after a misspelt name).
     */
    static CommandLine commandLine(InkanCli cli, String... args) {
        CommandLine commandLine = new CommandLine(cli);
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(first)).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(commandLine::addSubcommand);
        CommandLine sign = commandLine.getSubcommands().get("sign");
        if (sign != null) {
            sign.getCommandSpec().usageMessage().description(SignCommand.description());
        }
        return commandLine;
    }
}
