package io.inkan.cli;

import io.inkan.client.InkanJson;
import picocli.CommandLine.Option;
import tools.jackson.databind.ObjectWriter;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * The {@code --json} switch of list and create commands: a table for people, or the API's own JSON (the
 * {@code inkan-core} view records) for scripts, so scripted output has the same shape as the HTTP API.
 */
final class OutputOptions {

    private static final ObjectWriter JSON = InkanJson.newMapper().writerWithDefaultPrettyPrinter();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** Prints the API's JSON of {@code value}, whatever {@code --json} says. */
    void printJson(PrintWriter out, Object value) {
        out.println(JSON.writeValueAsString(value));
    }

    void print(PrintWriter out, Object value, Supplier<Table> table) {
        if (json) {
            out.println(JSON.writeValueAsString(value));
        } else {
            table.get().print(out);
        }
    }
}
