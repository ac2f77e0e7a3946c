package io.inkan.client;

import io.inkan.core.api.CertificateRequest;
import io.inkan.core.api.PrincipalRequest;
import io.inkan.core.api.PrincipalView;
import io.inkan.core.api.ProjectRequest;
import io.inkan.core.api.ProjectView;
import io.inkan.core.api.RoleBindingRequest;
import io.inkan.core.api.TokenRequest;
import io.inkan.core.api.TokenView;

import java.util.List;

/** Administration: projects, API tokens, principals and their role bindings and credentials. */
public interface AdminClient {

    ProjectView createProject(ProjectRequest request);

    List<ProjectView> listProjects();

    /** Creates a token; the returned view is the only place its secret ever appears. */
    TokenView createToken(TokenRequest request);

    List<TokenView> listTokens();

    void revokeToken(String id);

    PrincipalView createPrincipal(PrincipalRequest request);

    List<PrincipalView> listPrincipals();

    /** Grants a role binding; returns the principal with all its bindings. */
    PrincipalView bindRole(String principal, RoleBindingRequest request);

    /** Withdraws a role binding; returns the principal with the bindings left. */
    PrincipalView unbindRole(String principal, RoleBindingRequest request);

    /** Registers a PEM client certificate as identifying {@code principal}. */
    PrincipalView addCertificate(String principal, CertificateRequest request);

    /** Lifts the lock that wrong codes put on {@code principal}'s second factor (administrators; not their own). */
    void unlockSecondFactor(String principal);
}
