package io.inkan.cli;

/**
 * What {@code inkan login} remembers between runs.
 *
 * @param server base URL of the Inkan server
 * @param token  API token; {@code null} after {@code inkan logout}
 * @param ca     absolute path of the PEM certificate to trust; {@code null} for the JDK trust store
 */
record CliConfig(String server, String token, String ca) {

    static final CliConfig EMPTY = new CliConfig(null, null, null);

    CliConfig withoutToken() {
        return new CliConfig(server, null, ca);
    }

    /** Leaves the token out: these objects end up in debuggers and error messages. */
    @Override
    public String toString() {
        return "CliConfig[server=" + server + ", token=" + (token == null ? "none" : "<redacted>") + ", ca=" + ca + "]";
    }
}
