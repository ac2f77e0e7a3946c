package io.inkan.client;

import io.inkan.client.audit.AuditConsistencyProof;
import io.inkan.client.audit.AuditInclusionProof;
import io.inkan.client.audit.AuditKeySet;
import io.inkan.client.audit.AuditLogSource;
import io.inkan.client.audit.AuditPage;
import io.inkan.client.audit.AuditReport;
import io.inkan.client.audit.AuditVerification;
import io.inkan.core.SignatureAlgorithm;
import io.inkan.core.api.ImportKeyView;
import io.inkan.core.api.KeyImportRequest;
import io.inkan.core.api.KeyRequest;
import io.inkan.core.api.KeySetView;
import io.inkan.core.api.RotateRequest;
import io.inkan.core.api.ActivationPolicyRequest;
import io.inkan.core.api.ActivationView;
import io.inkan.core.api.AuthorityRequest;
import io.inkan.core.api.AuthorityView;
import io.inkan.core.api.CertificateChainRequest;
import io.inkan.core.api.CertificateRequest;
import io.inkan.core.api.CsrRequest;
import io.inkan.core.api.CsrView;
import io.inkan.core.api.IssueCertificateRequest;
import io.inkan.core.api.RevokeCertificateRequest;
import io.inkan.core.api.PrincipalRequest;
import io.inkan.core.api.PrincipalView;
import io.inkan.core.api.RoleBindingRequest;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.ProfileRequest;
import io.inkan.core.api.ProfileView;
import io.inkan.core.api.ProjectRequest;
import io.inkan.core.api.ProjectView;
import io.inkan.core.api.AuthorizeRequest;
import io.inkan.core.api.KeyStateRequest;
import io.inkan.core.api.SadView;
import io.inkan.core.api.SignHashRequest;
import io.inkan.core.api.DecisionRequest;
import io.inkan.core.api.PolicyRequest;
import io.inkan.core.api.PolicyView;
import io.inkan.core.api.SigningRequestCreate;
import io.inkan.core.api.SigningRequestView;
import io.inkan.core.api.SignHashResponse;
import io.inkan.core.api.TokenRequest;
import io.inkan.core.api.TimestampingRequest;
import io.inkan.core.api.TimestampingView;
import io.inkan.core.api.TokenView;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Map;

/**
 * Typed access to the Inkan HTTPS API, one method per endpoint, using the request and view records that
 * the server shares through {@code inkan-core}. Instances are thread-safe and reuse connections.
 *
 * <p>Failures surface as {@link InkanApiException} (the server said no), {@link InkanConnectionException}
 * (the server could not be reached or authenticated) or {@link InkanException} (the reply made no sense).
 * The token is only ever placed in the {@code Authorization} header, never in a message.
 */
public final class InkanClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Generous: a large batch on a slow hardware token takes a while. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final InkanClientConfig config;
    private final String apiBase;
    private final HttpClient http;
    private final JsonMapper json = InkanJson.newMapper();
    private final Supplier<String> secondFactor;

    /** @throws IllegalArgumentException if the CA certificate file cannot be read or parsed */
    public InkanClient(InkanClientConfig config) {
        this.config = config;
        String base = config.server().getScheme() + "://" + config.server().getRawAuthority()
                + (config.server().getRawPath() == null ? "" : config.server().getRawPath());
        this.apiBase = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1";
        this.http = HttpClient.newBuilder()
                .sslContext(TrustedCertificates.sslContext(config.caCertificatePem(), config.clientCertificate(),
                        config.clientCertificatePassword()))
                .sslParameters(TrustedCertificates.parameters())
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.secondFactor = null;
    }

    private InkanClient(InkanClient base, Supplier<String> secondFactor) {
        this.config = base.config;
        this.apiBase = base.apiBase;
        this.http = base.http;
        this.secondFactor = secondFactor;
    }

    /**
     * A client for key authorization level 2 (M5): every {@link #signHashes} first authorizes its exact
     * digests with a TOTP code from {@code codes} (one code per signing request; a code is accepted once)
     * and then signs with the SAD it got. Shares this client's connections.
     */
    public InkanClient withSecondFactor(Supplier<String> codes) {
        return new InkanClient(this, Objects.requireNonNull(codes, "codes"));
    }

    public PrincipalView whoami() {
        return json(send("GET", "/whoami", null), PrincipalView.class);
    }

    public ProjectView createProject(ProjectRequest request) {
        return json(send("POST", "/projects", request), ProjectView.class);
    }

    public List<ProjectView> listProjects() {
        return json(send("GET", "/projects", null), new TypeReference<>() { });
    }

    public KeyView createKey(String project, KeyRequest request) {
        return json(send("POST", path("projects", project, "keys"), request), KeyView.class);
    }

    public List<KeyView> listKeys(String project) {
        return json(send("GET", path("projects", project, "keys"), null), new TypeReference<>() { });
    }

    public KeyView getKey(String project, String key) {
        return json(send("GET", path("projects", project, "keys", key), null), KeyView.class);
    }

    /** The import public key of {@code token} ({@code null}: the default token). */
    public ImportKeyView importKey(String token) {
        return json(send("GET", "/import-key" + query(java.util.Collections.singletonMap("token", token)), null),
                ImportKeyView.class);
    }

    /** Imports a key already wrapped under the token's {@link #importKey import key}. */
    public KeyView importKey(String project, KeyImportRequest request) {
        return json(send("POST", path("projects", project, "keys", "import"), request), KeyView.class);
    }

    public KeySetView keySet(String project, String profile) {
        return json(send("GET", path("projects", project, "profiles", profile, "keys"), null), KeySetView.class);
    }

    public KeySetView rotate(String project, String profile, RotateRequest request) {
        return json(send("POST", path("projects", project, "profiles", profile, "rotate"), request), KeySetView.class);
    }

    public ProfileView createProfile(String project, ProfileRequest request) {
        return json(send("POST", path("projects", project, "profiles"), request), ProfileView.class);
    }

    public List<ProfileView> listProfiles(String project) {
        return json(send("GET", path("projects", project, "profiles"), null), new TypeReference<>() { });
    }

    public ProfileView getProfile(String project, String profile) {
        return json(send("GET", path("projects", project, "profiles", profile), null), ProfileView.class);
    }

    /**
     * Signs a batch in one request. The response holds exactly one signature per item, in item order;
     * anything else is reported as an {@link InkanException} rather than handed on. Called from a thread
     * of a {@link SignatureBatch}, the items join that batch's next request instead.
     */
    public SignHashResponse signHashes(String project, String profile, SignatureAlgorithm algorithm,
                                       List<SignHashRequest.Item> items) {
        SignatureBatch batch = SignatureBatch.of(this);
        return batch != null ? batch.sign(project, profile, algorithm, items) : signNow(project, profile, algorithm, items);
    }

    /**
     * Sends one signing request now, whether or not the calling thread takes part in a {@link SignatureBatch}
     * (what a batch's round signer calls); with a second factor configured, the digests are authorized first
     * and signed with that SAD.
     */
    public SignHashResponse signNow(String project, String profile, SignatureAlgorithm algorithm,
                             List<SignHashRequest.Item> items) {
        if (secondFactor != null) {
            List<String> values = items.stream().map(item -> item.digest() != null ? item.digest() : item.data()).toList();
            SadView sad = authorize(project, profile, new AuthorizeRequest(algorithm.name(), values, secondFactor.get()));
            return signHashes(project, profile, new SignHashRequest(algorithm.name(), List.copyOf(items), sad.sad(), null));
        }
        return signHashes(project, profile, new SignHashRequest(algorithm.name(), List.copyOf(items)));
    }

    /**
     * Signature activation data for exactly these digests (level-2 profiles need {@code request.otp()});
     * send it as {@link SignHashRequest#sad()}.
     */
    public SadView authorize(String project, String profile, AuthorizeRequest request) {
        return json(send("POST", path("projects", project, "profiles", profile, "authorize"), request), SadView.class);
    }

    /** Signs one request as given, e.g. with a SAD, or renewing it ({@code renew}); checks the signature count. */
    public SignHashResponse signHashes(String project, String profile, SignHashRequest request) {
        List<SignHashRequest.Item> items = request.items();
        SignHashResponse response = json(
                send("POST", path("projects", project, "profiles", profile, "sign"), request),
                SignHashResponse.class);
        int returned = response.signatures() == null ? 0 : response.signatures().size();
        if (returned != items.size()) {
            throw new InkanException("server returned " + returned + " signatures for " + items.size() + " items");
        }
        return response;
    }

    /** Signs exactly the digests a SAD authorizes (e.g. the SAD of an approved signing request). */
    public SignHashResponse signHashes(String project, String profile, SignatureAlgorithm algorithm,
                                       List<SignHashRequest.Item> items, String sad) {
        return signHashes(project, profile, new SignHashRequest(algorithm.name(), List.copyOf(items), sad, null));
    }

    public PolicyView getPolicy(String project, String profile) {
        return json(send("GET", path("projects", project, "profiles", profile, "policy"), null), PolicyView.class);
    }

    /** Replaces a profile's policy as a whole (key custodians). */
    public PolicyView setPolicy(String project, String profile, PolicyRequest request) {
        return json(send("PUT", path("projects", project, "profiles", profile, "policy"), request), PolicyView.class);
    }

    public SigningRequestView createRequest(String project, SigningRequestCreate request) {
        return json(send("POST", path("projects", project, "requests"), request), SigningRequestView.class);
    }

    /** The project's requests, newest first; {@code state} (e.g. {@code requested}) may be {@code null}. */
    public List<SigningRequestView> listRequests(String project, String state) {
        return json(send("GET", path("projects", project, "requests") + query(state == null ? Map.of()
                : Map.of("state", state)), null), new TypeReference<>() { });
    }

    /** The request, after waiting up to {@code waitSeconds} (bounded by the server) for a decision. */
    public SigningRequestView getRequest(String project, String id, long waitSeconds) {
        return json(send("GET", path("projects", project, "requests", id)
                + query(Map.of("wait", Long.toString(waitSeconds))), null), SigningRequestView.class);
    }

    public SigningRequestView approveRequest(String project, String id, DecisionRequest decision) {
        return json(send("POST", path("projects", project, "requests", id, "approve"), decision), SigningRequestView.class);
    }

    public SigningRequestView rejectRequest(String project, String id, DecisionRequest decision) {
        return json(send("POST", path("projects", project, "requests", id, "reject"), decision), SigningRequestView.class);
    }

    /** The SAD of an approved request, issued once to its requester. */
    public SadView requestSad(String project, String id) {
        return json(send("POST", path("projects", project, "requests", id, "sad"), null), SadView.class);
    }

    /**
     * Stops the use of ({@code disable}), revokes or destroys a key (K6); the request carries a fresh nonce
     * and the current time, see {@link KeyStateRequest#fresh}.
     */
    public KeyView changeKeyState(String project, String key, KeyStateChange change, KeyStateRequest request) {
        return json(send("POST", path("projects", project, "keys", key, change.path()), request), KeyView.class);
    }

    /** Creates a token; the returned view is the only place its secret ever appears. */
    public TokenView createToken(TokenRequest request) {
        return json(send("POST", "/tokens", request), TokenView.class);
    }

    public List<TokenView> listTokens() {
        return json(send("GET", "/tokens", null), new TypeReference<>() { });
    }

    public void revokeToken(String id) {
        send("DELETE", path("tokens", id), null);
    }

    public PrincipalView createPrincipal(PrincipalRequest request) {
        return json(send("POST", "/principals", request), PrincipalView.class);
    }

    public List<PrincipalView> listPrincipals() {
        return json(send("GET", "/principals", null), new TypeReference<>() { });
    }

    /** Grants a role binding; returns the principal with all its bindings. */
    public PrincipalView bindRole(String principal, RoleBindingRequest request) {
        return json(send("POST", path("principals", principal, "roles"), request), PrincipalView.class);
    }

    /** Withdraws a role binding; returns the principal with the bindings left. */
    public PrincipalView unbindRole(String principal, RoleBindingRequest request) {
        return json(send("POST", path("principals", principal, "roles", "remove"), request), PrincipalView.class);
    }

    /** Registers a PEM client certificate as identifying {@code principal}. */
    public PrincipalView addCertificate(String principal, CertificateRequest request) {
        return json(send("POST", path("principals", principal, "certificates"), request), PrincipalView.class);
    }

    /** Lifts the lock that wrong codes put on {@code principal}'s second factor (administrators; not their own). */
    public void unlockSecondFactor(String principal) {
        send("POST", path("principals", principal, "totp", "unlock"), null);
    }

    /** Checks the whole audit trail on the server (auditors and administrators). */
    public AuditVerification verifyAudit() {
        return json(send("GET", "/audit/verify", null), AuditVerification.class);
    }

    /**
     * One page of audit records, newest first.
     *
     * @param filters any of {@code from}, {@code to} (ISO instants), {@code project}, {@code principal},
     *                {@code action}, {@code outcome}, {@code digest}
     */
    public AuditPage searchAudit(Map<String, String> filters, int page, int size) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("page", Integer.toString(page));
        query.put("size", Integer.toString(size));
        return json(send("GET", "/audit/records" + query(query), null), AuditPage.class);
    }

    /**
     * Streams an export to {@code output}: {@code jsonl} or {@code csv}. Without filters, an
     * administrator's JSON-lines export is complete (head, checkpoints, records) and verifiable offline.
     */
    public void exportAudit(Map<String, String> filters, String format, Path output) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("format", format);
        HttpResponse<InputStream> response = exchange(request("/audit/export" + query(query), "*/*"),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw Problems.toException(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8), json);
            }
            Files.copy(body, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InkanConnectionException("export from " + config.server() + " failed: " + reason(e), e);
        }
    }

    /** The audit key's public key as PEM, for offline verification of exports. */
    public String auditPublicKey() {
        return send(request("/audit/public-key", "application/x-pem-file, application/problem+json"));
    }

    /** The latest signed checkpoint of the audit log, a C2SP signed note (any authenticated caller). */
    public String auditCheckpoint() {
        return send(request("/audit/checkpoint", "text/plain, application/problem+json"));
    }

    /** The checkpoint of tree size {@code size}; a {@code …/no-checkpoint} problem if there is none. */
    public String auditCheckpoint(long size) {
        return send(request("/audit/checkpoint" + query(Map.of("size", Long.toString(size))),
                "text/plain, application/problem+json"));
    }

    /** The inclusion proof of record {@code record} (from 1) in the tree of {@code size} records. */
    public AuditInclusionProof auditInclusionProof(long record, long size) {
        return json(send("GET", "/audit/proof/inclusion" + query(Map.of("record", Long.toString(record),
                "size", Long.toString(size))), null), AuditInclusionProof.class);
    }

    /** The consistency proof between the trees of {@code from} and {@code to} records. */
    public AuditConsistencyProof auditConsistencyProof(long from, long to) {
        return json(send("GET", "/audit/proof/consistency" + query(Map.of("from", Long.toString(from),
                "to", Long.toString(to))), null), AuditConsistencyProof.class);
    }

    /** Every audit key the log has used, retired ones included, so verification spans rotations. */
    public AuditKeySet auditKeys() {
        return json(send("GET", "/audit/keys", null), AuditKeySet.class);
    }

    /**
     * Makes a new audit key sign from now on (key custodians); the old one is retired but stays published.
     * Answers the new key's ID (eight hex digits).
     */
    public String rotateAuditKey() {
        Map<String, String> rotated = json(send("POST", "/audit/keys/rotate", Map.of()), new TypeReference<>() { });
        return rotated.get("id");
    }

    /** This server's audit log as the verification flows ({@code LogConsistency}, {@code ReceiptProof}) read it. */
    public AuditLogSource auditLog() {
        return new AuditLogSource() {
            @Override
            public String checkpoint() {
                return auditCheckpoint();
            }

            @Override
            public AuditConsistencyProof consistencyProof(long from, long to) {
                return auditConsistencyProof(from, to);
            }

            @Override
            public AuditInclusionProof inclusionProof(long record, long size) {
                return auditInclusionProof(record, size);
            }
        };
    }

    public AuditReport auditReport(String project, String month) {
        return json(send("GET", path("audit", "reports", project, month), null), AuditReport.class);
    }

    /** The monthly report as a standalone HTML page. */
    public String auditReportHtml(String project, String month) {
        return send(request(path("audit", "reports", project, month + ".html"), "text/html, application/problem+json"));
    }

    /** How a profile time-stamps (S5): {@code builtin}, {@code external} (with its URL) or {@code none}. */
    public TimestampingView getTimestamping(String project, String profile) {
        return json(send("GET", path("projects", project, "profiles", profile, "timestamping"), null),
                TimestampingView.class);
    }

    public TimestampingView setTimestamping(String project, String profile, TimestampingRequest request) {
        return json(send("POST", path("projects", project, "profiles", profile, "timestamping"), request),
                TimestampingView.class);
    }

    /**
     * Sends a DER RFC 3161 {@code TimeStampReq} to the profile's time-stamping authority through the server
     * (which answers itself or relays to the external authority) and returns the DER {@code TimeStampResp}.
     */
    public byte[] timestamp(String project, String profile, byte[] query) {
        return timestampAt(URI.create(apiBase + path("projects", project, "profiles", profile, "timestamp")), query,
                true);
    }

    /** The server's public built-in time-stamping authority, {@code <server>/tsa}. */
    public URI tsaUrl() {
        return URI.create(apiBase.substring(0, apiBase.length() - "/api/v1".length()) + "/tsa");
    }

    /** Sends a DER {@code TimeStampReq} to {@link #tsaUrl()} over this client's trusted connection. */
    public byte[] serverTimestamp(byte[] query) {
        return timestampAt(tsaUrl(), query, false);
    }

    /** @param authenticated whether to send the credential (the public endpoint needs none) */
    private byte[] timestampAt(URI url, byte[] query, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/timestamp-reply, application/problem+json")
                .header("Content-Type", "application/timestamp-query")
                .header("User-Agent", "inkan-client")
                .POST(HttpRequest.BodyPublishers.ofByteArray(query));
        if (authenticated && config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() / 100 != 2 && !type.startsWith("application/timestamp-reply")) {
            throw Problems.toException(response.statusCode(), type,
                    new String(response.body(), StandardCharsets.UTF_8), json);
        }
        return response.body();
    }

    /** A PKCS#10 request signed by the key inside its token (custodian). */
    public CsrView createCsr(String project, String key, CsrRequest request) {
        return json(send("POST", path("projects", project, "keys", key, "csr"), request), CsrView.class);
    }

    /** Attaches a CA's chain to the key after the server has validated it (custodian). */
    public KeyView importCertificate(String project, String key, CertificateChainRequest request) {
        return json(send("POST", path("projects", project, "keys", key, "certificate"), request), KeyView.class);
    }

    /** A code-signing certificate for the key from an intermediate of the private CA (custodian). */
    public KeyView issueCertificate(String project, String key, IssueCertificateRequest request) {
        return json(send("POST", path("projects", project, "keys", key, "certificate", "issue"), request), KeyView.class);
    }

    /** Revokes every certificate the private CA issued for the key (custodian). */
    public KeyView revokeCertificate(String project, String key, RevokeCertificateRequest request) {
        return json(send("POST", path("projects", project, "keys", key, "certificate", "revoke"), request), KeyView.class);
    }

    public ActivationView setActivationPolicy(String project, String key, ActivationPolicyRequest request) {
        return json(send("POST", path("projects", project, "keys", key, "activation-policy"), request),
                ActivationView.class);
    }

    /** The caller's approval of the key's next activation (a custodian the policy names). */
    public ActivationView approveActivation(String project, String key) {
        return json(send("POST", path("projects", project, "keys", key, "activations"), null), ActivationView.class);
    }

    public ActivationView getActivation(String project, String key) {
        return json(send("GET", path("projects", project, "keys", key, "activation"), null), ActivationView.class);
    }

    /** Creates a root or intermediate of the private CA (custodian of the CA project). */
    public AuthorityView createAuthority(AuthorityRequest request) {
        return json(send("POST", path("ca", "authorities"), request), AuthorityView.class);
    }

    public List<AuthorityView> listAuthorities() {
        return json(send("GET", path("ca", "authorities"), null), new TypeReference<>() { });
    }

    public AuthorityView getAuthority(String name) {
        return json(send("GET", path("ca", "authorities", name), null), AuthorityView.class);
    }

    /** Sends a request and returns the body of a 2xx response; anything else becomes an exception. */
    private String send(String method, String path, Object body) {
        HttpRequest.Builder request = request(path, "application/json, application/problem+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        return send(request);
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw Problems.toException(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body(), json);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", accept)
                .header("User-Agent", "inkan-client");
        if (config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new InkanConnectionException("cannot reach " + config.server() + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InkanConnectionException("interrupted while talking to " + config.server(), e);
        }
    }

    /** {@code ?a=1&b=2} with values percent-encoded; empty values are left out. */
    private static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    private <T> T json(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw new InkanException("unreadable reply from server: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T json(String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException e) {
            throw new InkanException("unreadable reply from server: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The most specific explanation in a cause chain. The JDK's HTTP client often throws exceptions without
     * any message (a refused connection, an unknown host), so those are named here.
     */
    private static String reason(Throwable failure) {
        String reason = null;
        boolean unresolved = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
            unresolved |= t instanceof UnresolvedAddressException || t instanceof UnknownHostException;
        }
        if (reason != null) {
            return reason;
        }
        if (unresolved) {
            return "unknown host";
        }
        return failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
    }

    /** Builds {@code /a/b/c} with each segment percent-encoded, so names cannot escape their place in the URL. */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment == null || segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid name in URL: '" + segment + "'");
            }
            path.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '~') {
                    path.append(c);
                } else {
                    path.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return path.toString();
    }
}
