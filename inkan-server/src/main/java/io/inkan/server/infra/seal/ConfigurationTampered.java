package io.inkan.server.infra.seal;

/**
 * A sealed row changed outside Inkan: the load is refused. Rendered as the 500 problem
 * {@code configuration-tampered} at the HTTP edge; the detail names the row, never its content.
 */
public class ConfigurationTampered extends RuntimeException {

    public ConfigurationTampered(String row) {
        super("The stored " + row + " failed its integrity check and was refused; an operator must restore it",
                null, false, false);
    }
}
