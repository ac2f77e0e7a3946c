package io.inkan.server;

import io.inkan.server.keys.pkcs11.Pkcs11TokenSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything an operator configures under {@code inkan.*}. Defaults live in {@code application.yml} so
 * that one command starts a working server on a fresh machine.
 *
 * @param dataDir       where the embedded database, generated TLS material and master key live
 * @param defaultToken  token used when a key request names none
 */
@ConfigurationProperties(prefix = "inkan")
public record InkanProperties(Path dataDir, Bootstrap bootstrap, Tls tls, SoftwareToken softwareToken,
                              String defaultToken, Signing signing, Tokens tokens, Audit audit) {

    /** @param tokenFile if set, the bootstrap administrator token is also written here (0600) */
    public record Bootstrap(Path tokenFile) {
    }

    /**
     * @param certificate PEM certificate chain to serve; empty to generate one under the data directory
     * @param privateKey  PEM private key belonging to {@code certificate}
     * @param hostNames   comma-separated DNS names for the generated certificate (loopback IPs are added)
     */
    public record Tls(Path certificate, Path privateKey, String hostNames) {
    }

    /**
     * @param masterKey     base64 of a 32-byte AES key; wins over the file
     * @param masterKeyFile file holding the base64 master key; created 0600 when absent
     */
    public record SoftwareToken(String name, String masterKey, Path masterKeyFile) {
    }

    /**
     * @param maxBatchSize    most digests in one signing request
     * @param maxRequestBytes largest accepted API request body
     * @param parallelism     token operations one server runs at once for batches; 0 = four per CPU core
     */
    public record Signing(int maxBatchSize, long maxRequestBytes, int parallelism) {
    }

    /**
     * @param checkpointEvery    sign a checkpoint at least every this many records
     * @param checkpointInterval and at least this often while records arrive
     * @param liveCopyFile       if set, every committed record is also appended here as a JSON line (for SIEMs)
     */
    public record Audit(int checkpointEvery, Duration checkpointInterval, Path liveCopyFile) {
    }

    /** @param pkcs11 hardware tokens reached through SunPKCS11 */
    public record Tokens(List<Pkcs11TokenSettings> pkcs11) {
        public Tokens {
            pkcs11 = pkcs11 == null ? List.of() : List.copyOf(pkcs11);
        }
    }
}
