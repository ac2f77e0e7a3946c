package io.inkan.cli;

import io.inkan.cli.formats.pgp.PgpKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code inkan-gpg}: the part of gpg's command line that build tools use to make detached signatures,
 * answered with Inkan keys. Tools such as maven-gpg-plugin have no signer plug-in point, only a
 * configurable gpg executable; this program is that executable. It reports a GnuPG 2 version (tools
 * pick their arguments by it), signs with {@code --armor --detach-sign [--local-user PROJECT/PROFILE]
 * [--output OUT] FILE} and accepts, without effect, the options that only steer gpg's agent and terminal.
 * The server, token and CA come from the same environment or login as {@code inkan}; the key from
 * {@code --local-user} or {@code INKAN_GPG_KEY}.
 */
public final class InkanGpg {

    /** What tools parse: the first line must look like GnuPG 2. */
    static final String VERSION = "gpg (GnuPG) 2.2.40\ninkan-gpg: signatures by an Inkan server";

    private static final Set<String> IGNORED_FLAGS = Set.of("--batch", "--no-tty", "--yes", "--use-agent",
            "--no-use-agent", "--quiet", "-q", "--no-permission-warning");
    private static final Set<String> IGNORED_WITH_VALUE = Set.of("--pinentry-mode", "--homedir", "--passphrase-fd");

    private InkanGpg() {
    }

    public static void main(String[] args) {
        ProcessExit.exit(run(List.of(args), CliEnvironment.system(), System.out, System.err));
    }

    /** Runs one invocation; returns gpg's exit codes: 0 success, 2 error. */
    static int run(List<String> args, CliEnvironment environment, PrintStream out, PrintStream err) {
        try {
            Request request = Request.parse(args, environment);
            if (request == null) {
                out.println(VERSION);
                return 0;
            }
            sign(request, environment);
            return 0;
        } catch (Exception e) {
            err.println("inkan-gpg: " + Failure.of(e).message().substring("inkan: ".length()));
            return 2;
        } finally {
            out.flush();
        }
    }

    private static void sign(Request request, CliEnvironment environment) throws IOException {
        if (!Files.isRegularFile(request.file())) {
            throw new CliException(ExitCodes.USAGE, "no such file", request.file().toString());
        }
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        PgpKey.of(environment.client(), request.project(), request.profile(), null)
                .detachedSigner().sign(request.file(), signature);
        try (StagedFiles staged = new StagedFiles()) {
            staged.stage(request.output(), signature.toByteArray());
            staged.commit();
        }
    }

    /** A signing request; {@code null} from {@link #parse} means {@code --version}. */
    record Request(String project, String profile, Path output, Path file) {

        static Request parse(List<String> args, CliEnvironment environment) {
            boolean armor = false;
            boolean detach = false;
            String user = environment.variables().get("INKAN_GPG_KEY");
            Path output = null;
            Path file = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--version" -> {
                        return null;
                    }
                    case "--armor", "-a" -> armor = true;
                    case "--detach-sign", "-b" -> detach = true;
                    case "--local-user", "-u" -> user = value(args, ++i, arg);
                    case "--output", "-o" -> output = Path.of(value(args, ++i, arg));
                    default -> {
                        if (IGNORED_FLAGS.contains(arg)) {
                            continue;
                        }
                        if (IGNORED_WITH_VALUE.contains(arg)) {
                            value(args, ++i, arg);
                        } else if (arg.startsWith("-") || file != null) {
                            throw new CliException(ExitCodes.USAGE, "unsupported argument", arg
                                    + " (inkan-gpg only makes armored detached signatures: --armor --detach-sign FILE)");
                        } else {
                            file = Path.of(arg);
                        }
                    }
                }
            }
            if (!armor || !detach || file == null) {
                throw new CliException(ExitCodes.USAGE, "unsupported request",
                        "inkan-gpg only makes armored detached signatures: --armor --detach-sign [--output OUT] FILE");
            }
            if (user == null || !user.matches("[^/\\s]+/[^/\\s]+")) {
                throw new CliException(ExitCodes.USAGE, "no key",
                        "name the key as PROJECT/PROFILE with --local-user or INKAN_GPG_KEY");
            }
            String[] key = user.split("/");
            return new Request(key[0], key[1], output != null ? output : Path.of(file + ".asc"), file);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new CliException(ExitCodes.USAGE, "missing value", option);
            }
            return args.get(index);
        }
    }
}
