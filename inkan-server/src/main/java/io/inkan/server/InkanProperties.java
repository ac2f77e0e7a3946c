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
                              String defaultToken, Signing signing, Tokens tokens, Mtls mtls, Oidc oidc, Ldap ldap, Audit audit,
                              Ca ca, Throttling throttling) {

    public InkanProperties {
        mtls = mtls == null ? new Mtls(null, null, null) : mtls;
        oidc = oidc == null ? new Oidc(null) : oidc;
        ldap = ldap == null ? new Ldap(null, null, null, null, null, null, null, 0, null) : ldap;
        ca = ca == null ? new Ca(null, null, null, 0, 0, 0, null, null, null, null, 0) : ca;
        throttling = throttling == null ? new Throttling(0, null, 0, null) : throttling;
    }

    /**
     * Limits on guessing credentials (issue 15).
     *
     * @param secondFactorFailures wrong TOTP codes in a row after which a principal's second factor locks
     *                             (shared by all nodes through the database)
     * @param secondFactorLock     the first lock's length; each further lock before a code is accepted
     *                             lasts twice as long, at most a day; an administrator can unlock earlier
     * @param loginFailures        failed credentials from one source address, or for one credential, per
     *                             interval before further attempts get 429 (counted per node)
     * @param loginInterval        that interval; also how long failures from one source are summed into
     *                             one audit record
     */
    public record Throttling(int secondFactorFailures, Duration secondFactorLock, int loginFailures,
                             Duration loginInterval) {
        public Throttling {
            secondFactorFailures = secondFactorFailures > 0 ? secondFactorFailures : 5;
            secondFactorLock = secondFactorLock == null || secondFactorLock.isNegative() || secondFactorLock.isZero()
                    ? Duration.ofMinutes(1) : secondFactorLock;
            loginFailures = loginFailures > 0 ? loginFailures : 20;
            loginInterval = loginInterval == null || loginInterval.isNegative() || loginInterval.isZero()
                    ? Duration.ofMinutes(1) : loginInterval;
        }
    }

    /**
     * Certificates of keys and the private CA (K5, K9).
     *
     * @param project               the project whose custodians run the private CA (its keys are the CA keys)
     * @param trustAnchors          PEM files of CAs whose chains may be imported for keys (the private CA's
     *                              roots are always trusted)
     * @param crlBaseUrl            base URL verifiers reach this server's {@code /crl/<name>.crl} at, written
     *                              into issued certificates; empty for {@code http://<first TLS host name>:<crl-http-port>}
     *                              or, without that port, {@code https://<first TLS host name>:<port>}
     * @param defaultValidityDays   validity of an issued code-signing certificate when the request names none
     * @param authorityValidityDays validity of a CA certificate when the request names none
     * @param rootMinCustodians     a root's key must require at least this many custodians per activation
     * @param crlValidity           time between a CRL's thisUpdate and nextUpdate; re-signed at half of it
     * @param expiryHorizon         a key's certificate expiring within this span raises a warning
     * @param checkInterval         how often CRL freshness and certificate expiry are checked
     * @param organisation          the O= of certificates the CA issues for keys
     * @param crlHttpPort           if above 0, a plain-HTTP port serving {@code GET /crl/*} only
     */
    public record Ca(String project, List<Path> trustAnchors, String crlBaseUrl, int defaultValidityDays,
                     int authorityValidityDays, int rootMinCustodians, Duration crlValidity, Duration expiryHorizon,
                     Duration checkInterval, String organisation, int crlHttpPort) {
        public Ca {
            project = project == null || project.isBlank() ? "pki" : project;
            trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
            crlBaseUrl = crlBaseUrl == null || crlBaseUrl.isBlank() ? null : crlBaseUrl.replaceAll("/+$", "");
            defaultValidityDays = defaultValidityDays > 0 ? defaultValidityDays : 3 * 365;
            authorityValidityDays = authorityValidityDays > 0 ? authorityValidityDays : 30 * 365;
            rootMinCustodians = Math.max(1, rootMinCustodians == 0 ? 2 : rootMinCustodians);
            crlValidity = crlValidity == null ? Duration.ofDays(7) : crlValidity;
            expiryHorizon = expiryHorizon == null ? Duration.ofDays(30) : expiryHorizon;
            checkInterval = checkInterval == null ? Duration.ofHours(1) : checkInterval;
            organisation = organisation == null || organisation.isBlank() ? "Inkan" : organisation;
        }
    }

    /**
     * Directory groups mapped to roles (A7); everything empty = no directory.
     *
     * @param url             {@code ldaps://host:636} (JVM trust store, host name checked) or {@code ldap://host:389}
     * @param bindDn          the service account Inkan searches with
     * @param userAttribute   the attribute holding a principal's name, default {@code uid} ({@code sAMAccountName} on AD)
     * @param memberAttribute the group attribute listing member DNs, default {@code member}
     * @param cacheSeconds    how long one user's directory roles are reused; 0 = look up on every request
     * @param rules           group DN to project role
     */
    public record Ldap(java.net.URI url, String bindDn, String bindPassword, String userBaseDn, String userAttribute,
                       String groupBaseDn, String memberAttribute, int cacheSeconds, List<LdapRule> rules) {
        public Ldap {
            userAttribute = userAttribute == null || userAttribute.isBlank() ? "uid" : userAttribute;
            memberAttribute = memberAttribute == null || memberAttribute.isBlank() ? "member" : memberAttribute;
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        /** Leaves the bind password out of logs and error messages. */
        @Override
        public String toString() {
            return "Ldap[url=" + url + ", bindDn=" + bindDn + ", rules=" + rules + "]";
        }
    }

    /** @param group a group's DN; @param project the project; @param role a project role */
    public record LdapRule(String group, String project, String role) {
    }

    /** CI workload identity (A8): OIDC ID tokens from these issuers are accepted as bearer credentials. */
    public record Oidc(List<OidcIssuer> issuers) {
        public Oidc {
            issuers = issuers == null ? List.of() : List.copyOf(issuers);
        }
    }

    /**
     * @param issuer   the exact {@code iss} claim, e.g. {@code https://token.actions.githubusercontent.com}
     * @param jwksUrl  where the issuer publishes its signing keys
     * @param audience the {@code aud} a token must name (the CI job requests a token for this audience)
     * @param rules    claim patterns granting a role in a project; a token matching none is refused
     */
    public record OidcIssuer(String issuer, java.net.URI jwksUrl, String audience, List<OidcRule> rules) {
        public OidcIssuer {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * @param claims  claim name to required value; a value ending in {@code *} matches by prefix
     *                (e.g. {@code ref: refs/tags/v*}); every listed claim must match
     * @param project the project the role applies to
     * @param role    a project role, e.g. {@code signer}
     */
    public record OidcRule(java.util.Map<String, String> claims, String project, String role) {
        public OidcRule {
            claims = claims == null ? java.util.Map.of() : java.util.Map.copyOf(claims);
        }
    }

    /**
     * Client-certificate authentication (A1). The internal client CA under {@code <data-dir>/client-ca}
     * is always trusted; these add an organisation's own CAs.
     *
     * @param trustedCas   PEM files of further CAs whose client certificates are accepted
     * @param crlFiles     PEM or DER CRLs; a listed certificate is refused (files are re-read when they change)
     * @param subjectField an RDN type such as {@code CN} or {@code UID}: a certificate not registered by
     *                     issuer and serial identifies the principal whose name equals this field of its
     *                     subject; empty to accept only registered certificates
     */
    public record Mtls(List<Path> trustedCas, List<Path> crlFiles, String subjectField) {
        public Mtls {
            trustedCas = trustedCas == null ? List.of() : List.copyOf(trustedCas);
            crlFiles = crlFiles == null ? List.of() : List.copyOf(crlFiles);
        }
    }

    /**
     * @param tokenFile                 if set, the bootstrap administrator token is also written here (0600)
     * @param certificatePasswordFile   if set, the password of the bootstrap administrator's PKCS#12 file is
     *                                  also written here (0600)
     */
    public record Bootstrap(Path tokenFile, Path certificatePasswordFile) {
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
