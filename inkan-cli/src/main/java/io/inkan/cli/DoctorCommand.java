package io.inkan.cli;

import io.inkan.core.api.PrincipalView;
import picocli.CommandLine.Command;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first thing to run when something does not work: checks, in the order they depend on each other,
 * that a server is configured, that it answers, that its TLS certificate is trusted, that the credential is
 * accepted, that the two clocks agree, and which external verifiers of the signature formats are installed.
 * Each finding says what to fix. It prints every check it could make and exits with the code of the first
 * failure (6 unreachable or untrusted, 3 credential refused, 2 not configured); missing verifiers only warn,
 * since signing needs none of them.
 */
@Command(name = "doctor", description = {
    "Check the setup: server configured and reachable, TLS certificate trusted, credential accepted, clock in "
            + "step with the server's, and the external tools that verify each signature format. Says what to fix."})
final class DoctorCommand extends BaseCommand {

    /** Beyond this the server refuses time-bound requests (key stop-use, OIDC tokens, TOTP codes) sooner or later. */
    static final Duration MAX_SKEW = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Per format, the tools its signatures are verified with (docs/cli.md). */
    static final Map<String, List<String>> VERIFIERS = verifiers();

    private int exitCode = ExitCodes.OK;

    @Override
    void run() throws Exception {
        CliEnvironment environment = environment();
        CliConfig saved = ConfigFile.read(environment.configFile());
        String server = Optional.ofNullable(environment.variable("INKAN_SERVER")).orElse(saved.server());
        String ca = Optional.ofNullable(environment.variable("INKAN_CA")).orElse(saved.ca());
        if (server == null) {
            fail(ExitCodes.USAGE, "server", "none configured",
                    "run 'inkan login --server URL ...' or set INKAN_SERVER");
        } else if (reachableAndTrusted(URI.create(server), ca)) {
            credential();
        }
        tools();
        if (exitCode != ExitCodes.OK) {
            throw new CliException(exitCode, "doctor", "some checks failed; see above");
        }
    }

    /** One unauthenticated request: it shows whether the server answers, whether TLS holds, and its clock. */
    private boolean reachableAndTrusted(URI server, String ca) throws IOException, InterruptedException {
        HttpClient http;
        try {
            http = HttpClient.newBuilder().sslContext(sslContext(ca)).connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        } catch (IOException | GeneralSecurityException e) {
            fail(ExitCodes.USAGE, "tls", "cannot read the CA file " + ca + ": " + e.getMessage(),
                    "point INKAN_CA (or 'inkan login --ca') at the server's certificate in PEM, e.g. <data-dir>/tls/server.crt");
            return false;
        }
        HttpResponse<Void> response;
        try {
            response = http.send(HttpRequest.newBuilder(server.resolve("/api/v1/whoami")).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (SSLException e) {
            ok("server", server + " answers, but the TLS handshake failed");
            fail(ExitCodes.UNREACHABLE, "tls", "the server's certificate is not trusted or does not name "
                    + server.getHost() + " (" + e.getMessage() + ")", ca == null
                    ? "set INKAN_CA (or 'inkan login --ca') to the server's certificate, e.g. <data-dir>/tls/server.crt"
                    : "check that " + ca + " holds the certificate " + server.getHost() + " serves, or its CA, and "
                            + "that the URL uses a name the certificate lists (inkan.tls.host-names)");
            return false;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            fail(ExitCodes.UNREACHABLE, "server", "cannot reach " + server + " (" + e.getClass().getSimpleName() + ")",
                    "check INKAN_SERVER (or 'inkan login --server'), that the server runs, and firewalls on the way");
            return false;
        } catch (IOException e) {
            fail(ExitCodes.UNREACHABLE, "server", "cannot reach " + server + " (" + e + ")",
                    "check INKAN_SERVER (or 'inkan login --server') and that the server runs");
            return false;
        }
        ok("server", server + " answers (HTTP " + response.statusCode() + ")");
        ok("tls", ca == null ? "certificate trusted by the JDK's trust store" : "certificate trusted through " + ca);
        clock(response.headers().firstValue("Date"));
        return true;
    }

    private void clock(Optional<String> date) {
        if (date.isEmpty()) {
            warn("clock", "the server sent no Date header; skew not checked", null);
            return;
        }
        Instant serverTime = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration skew = Duration.between(serverTime, Instant.now()).abs();
        if (skew.compareTo(MAX_SKEW) > 0) {
            warn("clock", "this machine's clock is " + skew.toSeconds() + " s off the server's",
                    "synchronise the clocks (NTP, e.g. timedatectl set-ntp true): OIDC tokens, TOTP codes and key "
                            + "stop-use requests are checked against the server's time");
        } else {
            ok("clock", "within " + MAX_SKEW.toSeconds() + " s of the server's");
        }
    }

    private void credential() {
        try {
            PrincipalView me = client().whoami();
            ok("credential", "accepted: " + me.name() + " (" + me.kind() + ")" + (me.roles().isEmpty() ? ", no roles"
                    : ", roles " + String.join(" ", me.roles())));
        } catch (Exception e) {
            Failure failure = Failure.of(e);
            fail(failure.exitCode(), "credential", failure.message().substring("inkan: ".length()),
                    failure.exitCode() == ExitCodes.AUTH
                            ? "run 'inkan login' again, or set INKAN_TOKEN to a valid, unexpired token (or INKAN_CLIENT_CERTIFICATE)"
                            : "see docs/cli.md, 'Errors and exit codes'");
        }
    }

    private void tools() {
        for (Map.Entry<String, List<String>> format : VERIFIERS.entrySet()) {
            List<String> missing = format.getValue().stream().filter(tool -> !onPath(tool)).toList();
            if (missing.isEmpty()) {
                ok("verify " + format.getKey(), String.join(", ", format.getValue()));
            } else {
                warn("verify " + format.getKey(), "not found: " + String.join(", ", missing),
                        "install " + String.join(", ", missing) + " to verify " + format.getKey()
                                + " signatures here (scripts/install-test-tools.sh installs them on Debian); signing works without");
            }
        }
    }

    private boolean onPath(String tool) {
        if (tool.equals("jarsigner")) {
            return Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "jarsigner"));
        }
        String path = Optional.ofNullable(environment().variables().get("PATH")).orElse("");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static SSLContext sslContext(String ca) throws IOException, GeneralSecurityException {
        if (ca == null) {
            return SSLContext.getDefault();
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(ca))) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException("no certificate in it");
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private void ok(String check, String finding) {
        out().printf("ok    %-20s %s%n", check, finding);
    }

    private void warn(String check, String finding, String fix) {
        out().printf("warn  %-20s %s%n", check, finding);
        if (fix != null) {
            out().printf("      %-20s fix: %s%n", "", fix);
        }
    }

    private void fail(int code, String check, String finding, String fix) {
        out().printf("FAIL  %-20s %s%n", check, finding);
        out().printf("      %-20s fix: %s%n", "", fix);
        exitCode = exitCode == ExitCodes.OK ? code : exitCode;
    }

    private static Map<String, List<String>> verifiers() {
        Map<String, List<String>> tools = new LinkedHashMap<>();
        tools.put("raw", List.of("openssl"));
        tools.put("jar", List.of("jarsigner"));
        tools.put("cms", List.of("openssl"));
        tools.put("pgp", List.of("gpg"));
        tools.put("authenticode", List.of("osslsigncode", "sbverify"));
        tools.put("apk", List.of("apksigner"));
        tools.put("xml", List.of("xmlsec1"));
        return tools;
    }
}
