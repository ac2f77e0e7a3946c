package io.inkan.client;

import io.inkan.core.api.CertificateRequest;
import io.inkan.core.api.PrincipalRequest;
import io.inkan.core.api.PrincipalView;
import io.inkan.core.api.ProjectRequest;
import io.inkan.core.api.ProjectView;
import io.inkan.core.api.RoleBindingRequest;
import io.inkan.core.api.TokenRequest;
import io.inkan.core.api.TokenView;
import tools.jackson.core.type.TypeReference;

import java.util.List;

import static io.inkan.client.ApiConnection.path;

/** {@link AdminClient} over the API. */
final class HttpAdminClient implements AdminClient {

    private final ApiConnection api;

    HttpAdminClient(ApiConnection api) {
        this.api = api;
    }

    @Override
    public ProjectView createProject(ProjectRequest request) {
        return api.call("POST", "/projects", request, ProjectView.class);
    }

    @Override
    public List<ProjectView> listProjects() {
        return api.call("GET", "/projects", null, new TypeReference<>() { });
    }

    @Override
    public TokenView createToken(TokenRequest request) {
        return api.call("POST", "/tokens", request, TokenView.class);
    }

    @Override
    public List<TokenView> listTokens() {
        return api.call("GET", "/tokens", null, new TypeReference<>() { });
    }

    @Override
    public void revokeToken(String id) {
        api.send("DELETE", path("tokens", id), null);
    }

    @Override
    public PrincipalView createPrincipal(PrincipalRequest request) {
        return api.call("POST", "/principals", request, PrincipalView.class);
    }

    @Override
    public List<PrincipalView> listPrincipals() {
        return api.call("GET", "/principals", null, new TypeReference<>() { });
    }

    @Override
    public PrincipalView bindRole(String principal, RoleBindingRequest request) {
        return api.call("POST", path("principals", principal, "roles"), request, PrincipalView.class);
    }

    @Override
    public PrincipalView unbindRole(String principal, RoleBindingRequest request) {
        return api.call("POST", path("principals", principal, "roles", "remove"), request, PrincipalView.class);
    }

    @Override
    public PrincipalView addCertificate(String principal, CertificateRequest request) {
        return api.call("POST", path("principals", principal, "certificates"), request, PrincipalView.class);
    }

    @Override
    public void unlockSecondFactor(String principal) {
        api.send("POST", path("principals", principal, "totp", "unlock"), null);
    }
}
