package io.inkan.client;

import io.inkan.core.api.AuthorityRequest;
import io.inkan.core.api.AuthorityView;
import io.inkan.core.api.CertificateChainRequest;
import io.inkan.core.api.CsrRequest;
import io.inkan.core.api.CsrView;
import io.inkan.core.api.IssueCertificateRequest;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.RevokeCertificateRequest;
import tools.jackson.core.type.TypeReference;

import java.util.List;

import static io.inkan.client.ApiConnection.path;

/** {@link CertificatesClient} over the API. */
final class HttpCertificatesClient implements CertificatesClient {

    private final ApiConnection api;

    HttpCertificatesClient(ApiConnection api) {
        this.api = api;
    }

    @Override
    public CsrView createCsr(String project, String key, CsrRequest request) {
        return api.call("POST", path("projects", project, "keys", key, "csr"), request, CsrView.class);
    }

    @Override
    public KeyView importCertificate(String project, String key, CertificateChainRequest request) {
        return api.call("POST", path("projects", project, "keys", key, "certificate"), request, KeyView.class);
    }

    @Override
    public KeyView issueCertificate(String project, String key, IssueCertificateRequest request) {
        return api.call("POST", path("projects", project, "keys", key, "certificate", "issue"), request, KeyView.class);
    }

    @Override
    public KeyView revokeCertificate(String project, String key, RevokeCertificateRequest request) {
        return api.call("POST", path("projects", project, "keys", key, "certificate", "revoke"), request, KeyView.class);
    }

    @Override
    public AuthorityView createAuthority(AuthorityRequest request) {
        return api.call("POST", path("ca", "authorities"), request, AuthorityView.class);
    }

    @Override
    public List<AuthorityView> listAuthorities() {
        return api.call("GET", path("ca", "authorities"), null, new TypeReference<>() { });
    }

    @Override
    public AuthorityView getAuthority(String name) {
        return api.call("GET", path("ca", "authorities", name), null, AuthorityView.class);
    }
}
