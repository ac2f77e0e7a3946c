package io.inkan.cli;

/**
 * What {@code inkan login} remembers between runs.
 *
 * @param server                        base URL of the Inkan server
 * @param token                         API token; {@code null} after {@code inkan logout} or with a client certificate
 * @param ca                            absolute path of the PEM certificate to trust; {@code null} for the JDK trust store
 * @param clientCertificate             absolute path of a PKCS#12 client certificate; {@code null} with a token
 * @param clientCertificatePasswordFile absolute path of the file holding its password (the password itself
 *                                      is never saved)
 */
record CliConfig(String server, String token, String ca, String clientCertificate, String clientCertificatePasswordFile) {

    static final CliConfig EMPTY = new CliConfig(null, null, null);

    CliConfig(String server, String token, String ca) {
        this(server, token, ca, null, null);
    }

    boolean loggedIn() {
        return token != null || clientCertificate != null;
    }

    /** Keeps the server and CA, forgets the credential. */
    CliConfig withoutCredentials() {
        return new CliConfig(server, null, ca);
    }

    /** Leaves the token out: these objects end up in debuggers and error messages. */
    @Override
    public String toString() {
        return "CliConfig[server=" + server + ", token=" + (token == null ? "none" : "<redacted>") + ", ca=" + ca
                + ", clientCertificate=" + clientCertificate + "]";
    }
}
