package io.inkan.client;

import io.inkan.core.api.AuthorityRequest;
import io.inkan.core.api.AuthorityView;
import io.inkan.core.api.CertificateChainRequest;
import io.inkan.core.api.CsrRequest;
import io.inkan.core.api.CsrView;
import io.inkan.core.api.IssueCertificateRequest;
import io.inkan.core.api.KeyView;
import io.inkan.core.api.RevokeCertificateRequest;

import java.util.List;

/** Certificates: a key's CSR and chain, and the private CA's authorities and what they issue and revoke. */
public interface CertificatesClient {

    /** A PKCS#10 request signed by the key inside its token (custodian). */
    CsrView createCsr(String project, String key, CsrRequest request);

    /** Attaches a CA's chain to the key after the server has validated it (custodian). */
    KeyView importCertificate(String project, String key, CertificateChainRequest request);

    /** A code-signing certificate for the key from an intermediate of the private CA (custodian). */
    KeyView issueCertificate(String project, String key, IssueCertificateRequest request);

    /** Revokes every certificate the private CA issued for the key (custodian). */
    KeyView revokeCertificate(String project, String key, RevokeCertificateRequest request);

    /** Creates a root or intermediate of the private CA (custodian of the CA project). */
    AuthorityView createAuthority(AuthorityRequest request);

    List<AuthorityView> listAuthorities();

    AuthorityView getAuthority(String name);
}
