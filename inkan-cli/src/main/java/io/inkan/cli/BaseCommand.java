package io.inkan.cli;

import io.inkan.client.InkanClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Common shape of every leaf command: run, and on failure print one {@code inkan: <title>: <detail>} line
 * to stderr and return the documented exit code. Handling errors here (rather than in a handler set on
 * the {@code CommandLine}) keeps the behaviour identical however the command line is constructed.
 */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The command's work; throws to fail. */
    abstract void run() throws Exception;

    @Override
    public final Integer call() {
        try {
            run();
            return ExitCodes.OK;
        } catch (Exception e) {
            Failure failure = Failure.of(e);
            err().println(failure.message());
            return failure.exitCode();
        } finally {
            out().flush();
            err().flush();
        }
    }

    CliEnvironment environment() {
        return ((InkanCli) spec.root().userObject()).environment();
    }

    InkanClient client() {
        return environment().client();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
