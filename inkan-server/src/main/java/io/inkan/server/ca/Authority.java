package io.inkan.server.ca;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate authority of the private CA: which key of the CA project signs for it, who certified it
 * (nobody for a root) and its certificate.
 *
 * @param parentId the issuing authority; {@code null} for a self-signed root
 */
public record Authority(long id, String name, long keyId, Long parentId, X509Certificate certificate,
                        Instant createdAt) {

    public boolean isRoot() {
        return parentId == null;
    }
}
