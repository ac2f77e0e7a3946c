package io.inkan.client;

import io.inkan.core.api.PrincipalView;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one entry point to the Inkan HTTPS API: one connection and one credential, handed out as small
 * per-concern clients ({@link #signing()}, {@link #keys()}, {@link #profiles()}, {@link #requests()},
 * {@link #certificates()}, {@link #timestamps()}, {@link #audit()}, {@link #admin()}) so that a caller
 * depends only on the part of the API it uses. They exchange the request and view records that the
 * server shares through {@code inkan-core}. Instances are thread-safe and reuse connections.
 *
 * <p>Failures surface as {@link InkanApiException} (the server said no), {@link InkanConnectionException}
 * (the server could not be reached or authenticated) or {@link InkanException} (the reply made no sense).
 * The token is only ever placed in the {@code Authorization} header, never in a message.
 */
public final class InkanClient {

    private final ApiConnection api;
    private final SigningClient signing;
    private final KeysClient keys;
    private final ProfilesClient profiles;
    private final RequestsClient requests;
    private final CertificatesClient certificates;
    private final TimestampsClient timestamps;
    private final AuditClient audit;
    private final AdminClient admin;

    private InkanClient(ApiConnection api, Supplier<String> secondFactor) {
        this.api = api;
        this.signing = new HttpSigningClient(api, secondFactor);
        this.keys = new HttpKeysClient(api);
        this.profiles = new HttpProfilesClient(api);
        this.requests = new HttpRequestsClient(api);
        this.certificates = new HttpCertificatesClient(api);
        this.timestamps = new HttpTimestampsClient(api);
        this.audit = new HttpAuditClient(api);
        this.admin = new HttpAdminClient(api);
    }

    /**
     * A client for the server and credential of {@code config}; nothing is sent yet.
     *
     * @throws IllegalArgumentException if the CA certificate file cannot be read or parsed
     */
    public static InkanClient connect(InkanClientConfig config) {
        return new InkanClient(new ApiConnection(config), null);
    }

    /**
     * A client for key authorization level 2 (M5): every {@link SigningClient#sign} first authorizes its
     * exact digests with a TOTP code from {@code codes} (one code per signing request; a code is accepted
     * once) and then signs with the SAD it got. Shares this client's connections.
     */
    public InkanClient withSecondFactor(Supplier<String> codes) {
        return new InkanClient(api, Objects.requireNonNull(codes, "codes"));
    }

    /** Whom the credential authenticates, with the principal's role bindings. */
    public PrincipalView whoami() {
        return api.call("GET", "/whoami", null, PrincipalView.class);
    }

    public SigningClient signing() {
        return signing;
    }

    public KeysClient keys() {
        return keys;
    }

    public ProfilesClient profiles() {
        return profiles;
    }

    public RequestsClient requests() {
        return requests;
    }

    public CertificatesClient certificates() {
        return certificates;
    }

    public TimestampsClient timestamps() {
        return timestamps;
    }

    public AuditClient audit() {
        return audit;
    }

    public AdminClient admin() {
        return admin;
    }
}
